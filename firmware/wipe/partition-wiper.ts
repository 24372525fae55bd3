// Partition wipe (appliance): the privileged steps — erase the LUKS2 header and keyslots, discard the
// partition, recreate it empty — are done by the root one-shot `conclave-wipe.service`, not by this
// unprivileged service (image/README.md, "Wipe: how conclaved triggers it"). We run the unprivileged
// trigger `conclave-request-wipe`, which starts the unit through `conclave-wipe.path` and waits for it,
// read the unit's step report, then scan the raw partition for the markers ourselves.
//
// Contract with the image:
// - the trigger exits 0 when the unit reports done, 1 when it failed, 2 when it did not answer in time;
// - the unit writes `{"steps":[{"name","ok","detail"}]}` to /run/conclave/wipe/report.json;
// - `/dev/conclave-data` is a udev symlink to the raw partition, group conclave, mode 0640: it only ever
//   holds ciphertext, which the service could read anyway.
import { execFile } from 'node:child_process';
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { markerSet } from './canaries.js';
import { scanForMarkers } from './marker-scan.js';
import type { WipeInput, WipeReport, WipeStep, Wiper } from './wiper.js';

export interface PartitionWiperOptions {
  /** The raw data partition (below LUKS), e.g. /dev/disk/by-partlabel/conclave-data. */
  device: string;
  /** The command that runs the privileged one-shot and waits for it. */
  trigger?: string[];
  reportPath?: string;
  timeoutMs?: number;
}

/** The raw data partition below LUKS (udev symlink made by the image). */
export const DEFAULT_DATA_PARTITION = '/dev/conclave-data';
export const DEFAULT_WIPE_TRIGGER = ['/usr/lib/conclave/conclave-request-wipe'];
export const DEFAULT_WIPE_REPORT = '/run/conclave/wipe/report.json';

/** Exit statuses of conclave-request-wipe. */
const TRIGGER_MEANING: Record<number, string> = { 0: ' (done)', 1: ' (the wipe helper reported a failure)', 2: ' (no answer from conclave-wipe.service in time)' };

const unitReportSchema = z.strictObject({
  steps: z.array(z.strictObject({ name: z.string().max(100), ok: z.boolean(), detail: z.string().max(1000) })).max(50),
});

function run(cmd: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(cmd[0]!, cmd.slice(1), { timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim().slice(-500) });
    });
  });
}

async function deviceSize(device: string): Promise<number> {
  const st = await stat(device);
  if (st.isFile()) return st.size;
  const name = basename(await realpath(device));
  const sectors = Number((await readFile(`/sys/class/block/${name}/size`, 'utf8')).trim());
  return sectors * 512;
}

export function createPartitionWiper(options: PartitionWiperOptions): Wiper {
  const trigger = options.trigger ?? DEFAULT_WIPE_TRIGGER;
  const reportPath = options.reportPath ?? DEFAULT_WIPE_REPORT;
  return {
    mode: 'partition',
    async wipe(input: WipeInput): Promise<WipeReport> {
      const steps: WipeStep[] = [];
      // The trigger gives up after an hour and the unit after two; we outwait both rather than cut a wipe short.
      const result = await run(trigger, options.timeoutMs ?? 130 * 60_000);
      steps.push({
        name: 'privileged-one-shot',
        ok: result.code === 0,
        detail: `${trigger.join(' ')} exited ${result.code ?? 'abnormally (killed or timed out)'}${TRIGGER_MEANING[result.code ?? -1] ?? ''}${result.code === 0 ? '' : `: ${result.output}`}`,
      });
      try {
        const unitReport = unitReportSchema.parse(JSON.parse(await readFile(reportPath, 'utf8')));
        steps.push(...unitReport.steps);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          steps.push({ name: 'one-shot-report', ok: false, detail: `unreadable report ${reportPath}` });
        }
      }

      let sizeBytes = 0;
      const set = markerSet(input.canaries, input.secrets);
      let scan = { bytesScanned: 0, found: new Set<number>() };
      try {
        sizeBytes = await deviceSize(options.device);
        scan = await scanForMarkers([options.device], set.markers);
        steps.push({ name: 'raw-scan', ok: scan.bytesScanned === sizeBytes, detail: `read ${scan.bytesScanned} of ${sizeBytes} bytes of ${options.device}` });
      } catch (e) {
        steps.push({ name: 'raw-scan', ok: false, detail: `cannot read ${options.device}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      }
      const scanned = steps.at(-1)?.ok === true;
      return {
        mode: 'partition',
        target: { kind: 'partition', device: options.device, sizeBytes },
        technique: 'crypto-erase (LUKS2 header and keyslots overwritten) + discard of the whole partition + empty partition recreated',
        steps,
        verification: {
          method: 'byte-level search of the raw partition for the planted canaries and the event\'s poll titles and option labels (UTF-8)',
          scope: [options.device],
          bytesScanned: scan.bytesScanned,
          canariesSearched: set.canaries,
          secretsSearched: set.secrets,
          secretsSkipped: set.skipped,
          found: scan.found.size,
          // An unreadable partition proves nothing: it is not reported clean.
          clean: scanned && scan.found.size === 0,
        },
      };
    },
  };
}
