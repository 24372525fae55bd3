import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextEntry, verifyChain, type AuditEntry } from '../../firmware/audit/chain.js';

const time = { declared: '2026-12-03T10:00:00.000Z', monotonicMs: 1, source: 'chair-console' as const };

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) out.push(nextEntry(out.at(-1), { type: `t${i}`, source: 'console', data: { i }, time }));
  return out;
}

describe('audit chain', () => {
  it('verifies an untouched chain and reports its head', () => {
    const c = chain(5);
    assert.deepEqual(verifyChain(c), { ok: true, head: c[4]!.hash, length: 5 });
  });
  it('fails when any entry is edited', () => {
    for (let i = 0; i < 5; i++) {
      const c = chain(5);
      c[i] = { ...c[i]!, data: { i: 99 } };
      assert.equal(verifyChain(c).ok, false, `edit of ${i}`);
    }
  });
  it('fails when an entry is removed or two are swapped', () => {
    for (let i = 0; i < 4; i++) {
      const removed = chain(5);
      removed.splice(i, 1);
      assert.equal(verifyChain(removed).ok, false, `removal of ${i}`);
      const swapped = chain(5);
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      assert.equal(verifyChain(swapped).ok, false, `swap of ${i}`);
    }
  });
  it('fails when an edited entry is re-hashed but its successor is not', () => {
    const c = chain(3);
    const { hash: _h, ...body } = { ...c[1]!, type: 'forged' };
    c[1] = nextEntry(c[0], { type: body.type, source: body.source, data: body.data, time: body.time });
    assert.equal(verifyChain(c).ok, false);
  });
});
