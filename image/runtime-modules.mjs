// Prunes a node_modules folder to the dependency closure of the given packages (the modules esbuild leaves
// external), so the image carries the native lmdb and its helpers, not the whole production tree.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...roots] = process.argv.slice(2);
if (!dir || roots.length === 0) throw new Error('usage: runtime-modules.mjs DIR PACKAGE...');
const nm = join(dir, 'node_modules');
const keep = new Set();
const queue = [...roots];
while (queue.length > 0) {
  const name = queue.shift();
  if (keep.has(name) || !existsSync(join(nm, name, 'package.json'))) continue;
  keep.add(name);
  const pkg = JSON.parse(readFileSync(join(nm, name, 'package.json'), 'utf8'));
  queue.push(...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}));
}
for (const entry of readdirSync(nm)) {
  if (entry.startsWith('.')) { rmSync(join(nm, entry), { recursive: true, force: true }); continue; }
  const names = entry.startsWith('@') ? readdirSync(join(nm, entry)).map((n) => `${entry}/${n}`) : [entry];
  for (const n of names) if (!keep.has(n)) rmSync(join(nm, n), { recursive: true, force: true });
  if (entry.startsWith('@') && readdirSync(join(nm, entry)).length === 0) rmSync(join(nm, entry), { recursive: true });
}
console.log(`  runtime modules: ${[...keep].sort().join(', ')}`);
