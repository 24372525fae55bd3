// Signed results, wipe and attestation as the HTTP app and the button use them (api/deps.ts `Attestor`).
// Results documents and attestations are handed out as objects in canonical key order, so Koa's
// JSON.stringify emits exactly the signed canonical bytes.
import type { AuditSource } from '../audit/chain.js';
import type { DeclaredClock } from '../device/clock.js';
import type { DeviceIdentity } from '../device/identity.js';
import type { Logger } from '../log.js';
import type { Meeting, Problem } from '../meeting/meeting.js';
import { err, ok, type Result } from '../result.js';
import type { Store } from '../store/store.js';
import type { Attestation } from './attestation.js';
import { loadLatestAttestation } from './attestation-store.js';
import { buildResultsDocument, type ResultsDocument } from './results-document.js';
import { canonicalObject, documentDigest, signDocument, type Signed } from './signed-document.js';
import type { SoftwareIdentity } from './software-identity.js';
import { wipeEvent } from './wipe-event.js';
import type { Wiper } from './wiper.js';

export interface AttestorDeps {
  meeting: Meeting;
  /** The current store (it is replaced by an empty one after a wipe). */
  store: () => Store;
  identity: DeviceIdentity;
  clock: DeclaredClock;
  software: SoftwareIdentity;
  deviceDir: string;
  wiper: Wiper;
  /** Closes the event store and every handle on the event files. */
  closeStore: () => Promise<void>;
  /** Opens the (now empty) store again and makes the meeting forget the event. */
  reopenStore: () => Promise<void>;
  onPhase?: (phase: 'wiping' | 'wiped' | 'failed') => void;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface ApplianceAttestor {
  init(): Promise<void>;
  resultsDocument(): Promise<Result<Signed<ResultsDocument>, Problem>>;
  wipe(source: AuditSource): Promise<Result<Signed<Attestation>, Problem>>;
  lastAttestation(): Signed<Attestation> | null;
}

export function createAttestor(deps: AttestorDeps): ApplianceAttestor {
  let last: Signed<Attestation> | null = null;
  /** Digest of the last results document handed out for the current event. */
  let lastResultsDigest: string | null = null;
  let wiping = false;

  const auditHead = () => {
    const store = deps.store();
    return { entries: store.auditEntries().length, hash: store.auditHead() };
  };

  return {
    async init() {
      const text = await loadLatestAttestation(deps.deviceDir);
      if (text) last = JSON.parse(text) as Signed<Attestation>;
    },

    async resultsDocument() {
      const { meeting } = deps;
      const event = deps.store().event();
      if (!event) return err({ code: 'no_event' });
      if (meeting.openPoll()) return err({ code: 'polls_open', detail: 'close the open poll first' });
      const polls = [];
      for (const poll of meeting.polls()) {
        if (poll.status !== 'closed' && poll.status !== 'published') continue;
        const r = meeting.results(poll.id);
        if (r.ok) polls.push(r.value);
      }
      const signed = signDocument(
        buildResultsDocument({
          event: { id: event.id, name: event.name },
          polls,
          auditHead: auditHead(),
          device: { deviceId: deps.identity.deviceId, fingerprint: deps.identity.fingerprint },
          software: deps.software,
          time: deps.clock.now(),
        }),
        deps.identity,
      );
      lastResultsDigest = documentDigest(signed);
      await deps.store().appendAudit({ type: 'results.document_issued', source: 'console', data: { digest: lastResultsDigest, polls: polls.length }, time: deps.clock.now() });
      return ok(canonicalObject(signed));
    },

    async wipe(source) {
      const store = deps.store();
      const event = store.event();
      if (!event) return err({ code: 'no_event' });
      if (wiping) return err({ code: 'invalid_transition', detail: 'a wipe is already running' });
      wiping = true;
      try {
        if (deps.meeting.openPoll()) await deps.meeting.closeOpenPoll('system');
        const polls = deps.meeting.polls();
        const secrets = polls.flatMap((p) => [p.title, p.description, ...p.options.map((o) => o.label)]).filter((s) => s.length > 0);
        await store.appendAudit({ type: 'wipe.started', source, data: { mode: deps.wiper.mode }, time: deps.clock.now() });
        const input = {
          event: { id: event.id, name: event.name },
          canaries: store.canaries(),
          secrets,
          auditHead: auditHead(),
          resultsDocumentDigest: lastResultsDigest,
        };
        deps.onPhase?.('wiping');
        deps.logger.info({ mode: deps.wiper.mode, source }, 'wipe started');
        const { attestation } = await wipeEvent(
          { wiper: deps.wiper, identity: deps.identity, clock: deps.clock, software: deps.software, deviceDir: deps.deviceDir, closeEvent: deps.closeStore },
          input,
        );
        await deps.reopenStore();
        lastResultsDigest = null;
        last = canonicalObject(attestation);
        deps.onPhase?.(attestation.outcome === 'wiped' ? 'wiped' : 'failed');
        deps.logger.info({ outcome: attestation.outcome, verification: attestation.verification.result, bytesScanned: attestation.verification.bytesScanned }, 'wipe finished');
        return ok(last);
      } catch (e) {
        deps.logger.error({ err: e }, 'wipe failed');
        deps.onPhase?.('failed');
        return err({ code: 'internal' });
      } finally {
        wiping = false;
      }
    },

    lastAttestation: () => last,
  };
}
