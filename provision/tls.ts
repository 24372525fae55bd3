// TLS material for the bundle (DESIGN §6). Either the organisation's certificate for a real host name,
// checked here the night before (pair matches, host covered, valid on the event date) so a mistake is
// not discovered in the venue; or a per-device certificate for the chair console, made here.
//
// Node's crypto makes the ECDSA key but cannot issue an X.509 certificate, so the certificate itself is
// signed by Debian's `openssl` (always present where this CLI runs) from a config file we write, rather
// than pulling in a pure-JS ASN.1/X.509 library for one self-signed certificate.
import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../firmware/result.js';
import { err, ok } from '../firmware/result.js';

export interface TlsSettings {
  trusted: boolean;
  certPem: string;
  keyPem: string;
  fingerprint: string;
}

export interface CertificateCheck {
  tls: TlsSettings;
  subject: string;
  validTo: Date;
  warnings: string[];
}

const DAY_MS = 86_400_000;

/** The event day in UTC, start to end, from YYYY-MM-DD. */
export function eventDay(date: string): { start: Date; end: Date } {
  const start = new Date(`${date}T00:00:00Z`);
  return { start, end: new Date(start.getTime() + DAY_MS - 1000) };
}

function firstPemCertificate(pem: string): string | null {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  return m ? m[0] : null;
}

/** Checks an organisation-provided certificate and key for `host` on the event date. */
export function checkProvidedCertificate(certPem: string, keyPem: string, host: string, date: string): Result<CertificateCheck, string[]> {
  const leafPem = firstPemCertificate(certPem);
  if (leafPem === null) return err(['--tls-cert holds no PEM certificate (-----BEGIN CERTIFICATE-----); pass the certificate (or full chain) in PEM form']);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(leafPem);
  } catch (e) {
    return err([`--tls-cert cannot be read as an X.509 certificate (${(e as Error).message}); pass the PEM file your CA issued`]);
  }
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(keyPem);
  if (encrypted) return err(['--tls-key is encrypted; the appliance cannot ask for its passphrase. Decrypt a copy: openssl pkey -in KEY -out KEY.plain']);
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch (e) {
    const msg = (e as Error).message;
    return err([`--tls-key cannot be read as a private key (${msg}); pass the PEM key that belongs to the certificate`]);
  }
  const problems: string[] = [];
  if (!cert.checkPrivateKey(key)) problems.push('--tls-key does not belong to --tls-cert (the public keys differ); pass the key the certificate was issued for');
  if (cert.checkHost(host) === undefined) {
    problems.push(`the certificate does not cover the host name ${host} (it names ${cert.subjectAltName ?? cert.subject}); pass --host with a name it covers or get a certificate for ${host}`);
  }
  const validFrom = new Date(cert.validFrom);
  const validTo = new Date(cert.validTo);
  const day = eventDay(date);
  if (validFrom > day.start) problems.push(`the certificate is not valid until ${validFrom.toISOString()}, after the start of the event date ${date}; check --date or renew the certificate`);
  if (validTo < day.end) problems.push(`the certificate expires on ${validTo.toISOString()}, before the end of the event date ${date}; renew it before the meeting`);
  if (problems.length > 0) return err(problems);
  const warnings: string[] = [];
  if (cert.issuer === cert.subject && cert.verify(cert.publicKey)) {
    warnings.push('the certificate is self-signed: voters\' phones will show a security warning; use a certificate from a public CA for a real host name');
  }
  if (leafPem === certPem.trim() && cert.issuer !== cert.subject) {
    warnings.push('--tls-cert holds only the server certificate; if your CA uses an intermediate, pass the full chain (fullchain.pem)');
  }
  return ok({
    tls: { trusted: true, certPem: certPem.trim() + '\n', keyPem: keyPem.trim() + '\n', fingerprint: cert.fingerprint256 },
    subject: cert.subject,
    validTo,
    warnings,
  });
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { timeout: 30_000 }, (e, stdout, stderr) =>
      e ? reject(new Error(`${cmd} failed: ${stderr.trim() || e.message}`)) : resolve(stdout),
    ),
  );
}

/**
 * A per-device certificate for the chair console: ECDSA P-256, subjectAltName for the host name and the
 * appliance address, valid from now until 30 days after the event date. Not trusted by browsers; the
 * chair checks its SHA-256 fingerprint against the technician's report on first visit.
 */
export async function generateDeviceCertificate(host: string, address: string, date: string, eventName: string): Promise<CertificateCheck> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const untilEvent = Math.max(0, Math.ceil((eventDay(date).end.getTime() - Date.now()) / DAY_MS));
  const dir = await mkdtemp(join(tmpdir(), 'conclave-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const confFile = join(dir, 'req.cnf');
    await writeFile(keyFile, keyPem, { mode: 0o600 });
    // host and address are already validated against the network schema (no characters that could
    // escape a config value); the event name is reduced to a safe subset for the O= field.
    const org = eventName.replace(/[^\p{L}\p{N} .\-_]/gu, '').slice(0, 64).trim() || 'Conclave';
    await writeFile(
      confFile,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        'utf8 = yes',
        'string_mask = utf8only',
        '[dn]',
        // X.520 caps CN and OU at 64 characters; the SAN carries the full host name anyway.
        `CN = ${host.length <= 64 ? host : 'Conclave appliance'}`,
        'O = Conclave device certificate',
        `OU = ${org}`,
        '[ext]',
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature',
        'extendedKeyUsage = serverAuth',
        `subjectAltName = DNS:${host},IP:${address}`,
        'subjectKeyIdentifier = hash',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const certPem = await run('openssl', [
      'req', '-new', '-x509', '-config', confFile, '-key', keyFile, '-sha256',
      '-days', String(untilEvent + 30), '-set_serial', `0x${randomBytes(15).toString('hex')}`,
    ]);
    const cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(privateKey)) throw new Error('openssl produced a certificate for another key');
    return {
      tls: { trusted: false, certPem, keyPem, fingerprint: cert.fingerprint256 },
      subject: cert.subject,
      validTo: new Date(cert.validTo),
      warnings: [],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
