// Recognises which kind of signed document a verified body is and says in one line what it states.
import { err, ok, type Result } from '../result.js';
import { z } from 'zod';
import { ATTESTATION_TYPE, attestationSchema } from './attestation.js';
import { RESULTS_DOCUMENT_TYPE, resultsDocumentSchema } from './results-document.js';
import { documentDigest, signatureSchema } from './signed-document.js';

const when = (t: { declared: string | null; monotonicMs: number }) =>
  t.declared === null ? `no declared time (monotonic ${t.monotonicMs} ms)` : `declared time ${t.declared}`;

export function describeSignedDocument(doc: Record<string, unknown>): Result<string, string> {
  if (doc.type === RESULTS_DOCUMENT_TYPE) {
    const parsed = resultsDocumentSchema.extend({ signature: signatureSchema }).safeParse(doc);
    if (!parsed.success) return err(`signature valid but not a well-formed results document: ${z.prettifyError(parsed.error)}`);
    const d = parsed.data;
    const verdicts = d.polls.map((p) => `${p.verdict.outcome}`).join(', ');
    return ok(
      `results document for event "${d.event.name}" (${d.event.id}); ${d.polls.length} poll(s)${d.polls.length ? ` [${verdicts}]` : ''}; ` +
        `audit head ${d.auditHead.entries} entries ${d.auditHead.hash}; software ${d.software.version}; ` +
        `signed by ${d.device.deviceId} key ${d.signature.publicKeyFingerprint}; ${when(d.issued)}; ` +
        `document digest ${documentDigest(doc)}`,
    );
  }
  if (doc.type === ATTESTATION_TYPE) {
    const parsed = attestationSchema.extend({ signature: signatureSchema }).safeParse(doc);
    if (!parsed.success) return err(`signature valid but not a well-formed wipe attestation: ${z.prettifyError(parsed.error)}`);
    const d = parsed.data;
    const target = d.wiped.kind === 'folder' ? `folder ${d.wiped.path}` : `partition ${d.wiped.device} (${d.wiped.sizeBytes} bytes)`;
    return ok(
      `wipe attestation for event "${d.event.name}" (${d.event.id}); outcome ${d.outcome.toUpperCase()}; ${d.method.mode} wipe of ${target}; ` +
        `verification ${d.verification.result} (${d.verification.canariesSearched} canaries, ${d.verification.secretsSearched} titles/labels, ${d.verification.bytesScanned} bytes scanned); ` +
        `results document digest ${d.resultsDocument.digest ?? 'none (no results document was issued)'}; ` +
        `signed by ${d.device.deviceId} key ${d.signature.publicKeyFingerprint}; ${when(d.time.finished)}`,
    );
  }
  return err(`signature valid but unknown document type ${JSON.stringify(doc.type)}`);
}
