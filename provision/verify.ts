// `conclave-provision verify FILE --public-key KEY`: checks a results document or a wipe attestation offline.
// KEY is the device's public key as PEM, or the JSON served by `GET /api/device` (its `publicKey` is used).
import { readFile } from 'node:fs/promises';
import { describeSignedDocument } from '../firmware/wipe/document-kinds.js';
import { verifySignedDocument } from '../firmware/wipe/signed-document.js';

export interface VerifyIo {
  out(line: string): void;
  err(line: string): void;
}

const stdio: VerifyIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const USAGE = 'usage: conclave-provision verify FILE --public-key KEY';

function parseArgs(argv: string[]): { file: string; key: string } | string {
  const args = argv[0] === 'verify' ? argv.slice(1) : argv;
  let file: string | undefined;
  let key: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--public-key') {
      key = args[++i];
      if (key === undefined) return '--public-key needs a file';
    } else if (a.startsWith('--public-key=')) {
      key = a.slice('--public-key='.length);
    } else if (a.startsWith('-')) {
      return `unknown option ${a}`;
    } else if (file === undefined) {
      file = a;
    } else {
      return `unexpected argument ${a}`;
    }
  }
  if (file === undefined) return 'missing FILE';
  if (key === undefined) return 'missing --public-key KEY';
  return { file, key };
}

function publicKeyFrom(text: string): string | null {
  if (text.trimStart().startsWith('{')) {
    try {
      const device: unknown = JSON.parse(text);
      if (typeof device === 'object' && device !== null && 'publicKey' in device && typeof device.publicKey === 'string') {
        return device.publicKey;
      }
    } catch {
      return null;
    }
    return null;
  }
  return text;
}

/** Exit status 0 when the document is valid, 1 when it is not (or cannot be read), 2 on a usage error. */
export async function verifyCommand(argv: string[], io: VerifyIo = stdio): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  let text: string;
  let keyText: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (e) {
    io.err(`INVALID: cannot read ${args.file}: ${(e as Error).message}`);
    return 1;
  }
  try {
    keyText = await readFile(args.key, 'utf8');
  } catch (e) {
    io.err(`INVALID: cannot read public key ${args.key}: ${(e as Error).message}`);
    return 1;
  }
  const pem = publicKeyFrom(keyText);
  if (pem === null) {
    io.err('INVALID: the key file is JSON without a "publicKey" string');
    return 1;
  }
  const checked = verifySignedDocument(text, pem);
  if (!checked.ok) {
    io.err(`INVALID: ${checked.error.detail}`);
    return 1;
  }
  const described = describeSignedDocument(checked.value);
  if (!described.ok) {
    io.err(`INVALID: ${described.error}`);
    return 1;
  }
  io.out(`VALID: ${described.value}`);
  return 0;
}
