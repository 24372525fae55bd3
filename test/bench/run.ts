// npm run bench: measures conclaved as shipped (dist/conclaved.js) on this machine and prints one
// markdown table. It measures, it never fails on a time. Options: --quick (smaller counts, for a smoke
// run), --out FILE (also write the table there).
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { burstAndFanout } from './burst-and-fanout.js';
import { provisioning, webuiSizes } from './extras.js';
import { renderTable, type Row } from './table.js';
import { throughput } from './throughput.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args[outIdx + 1] : undefined;
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const rows: Row[] = [];
const started = Date.now();
const loadBefore = loadavg()[0] ?? 0;
rows.push(...(await throughput({ cards: quick ? 3000 : 12_000, agenda: 20, connections: [50, 200], pairs: quick ? 1 : 3, tmpfsPairs: quick ? 0 : 2, log })));
rows.push(...(await burstAndFanout({ voters: quick ? 500 : 2000, log })));
log('provisioning');
rows.push(...(await provisioning(quick ? 200 : 2000)));
rows.push(...(await webuiSizes()));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${quick ? ' (--quick: reduced counts)' : ''}; ${Math.round((Date.now() - started) / 1000)} s; load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after (the machine is shared).`;
const text = `${header}\n\n${renderTable(rows)}\n`;
process.stdout.write(text);
if (out) await writeFile(out, text);
