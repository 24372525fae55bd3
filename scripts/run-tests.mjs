// Runs node:test over the TypeScript test files (tsx compiles them on load; Node 20 has no type stripping).
// `npm test` runs every suite that can run on this machine; the image boot suite is separate (npm run test:image)
// because it needs a built image and takes many minutes.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const suiteIdx = args.indexOf('--suite');
const suite = suiteIdx >= 0 ? args[suiteIdx + 1] : 'all';
const explicit = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--suite');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

let files = explicit.length > 0 ? explicit : walk('test');
if (explicit.length === 0) {
  if (suite === 'image') files = files.filter((f) => f.startsWith('test/image/'));
  else if (suite === 'unit') files = files.filter((f) => !/^test\/(image|bench|browser|robustness|net-e2e)\//.test(f) && !f.includes('.it.'));
  else files = files.filter((f) => !f.startsWith('test/image/') && !f.startsWith('test/bench/'));
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
