import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import Koa from 'koa';
import { createLogger } from '../../firmware/log.js';
import { FailureLimiter } from '../../firmware/api/middleware/rate-limit.js';
import { requestLog } from '../../firmware/api/middleware/request-log.js';

describe('failure limiter', () => {
  it('blocks a failing client, and an exhausted global budget blocks only clients that failed', () => {
    let t = 0;
    const l = new FailureLimiter({ perClientBurst: 3, perClientRefill: 0.1, globalBurst: 10, globalRefill: 0.1, now: () => t });
    for (let i = 0; i < 3; i++) {
      assert.equal(l.retryAfter('a'), 0);
      l.fail('a');
    }
    assert.ok(l.retryAfter('a') > 0, 'client a is blocked after its burst');
    // Many addresses exhaust the global budget…
    for (let i = 0; i < 10; i++) l.fail(`x${i}`);
    assert.ok(l.retryAfter('x0') > 0, 'a client that failed is blocked by the global budget');
    // …but a phone that has not failed still gets through.
    assert.equal(l.retryAfter('fresh-phone'), 0);
    t += 60_000;
    assert.equal(l.retryAfter('a'), 0, 'budgets refill');
  });
});

describe('refused-request log', () => {
  it('caps lines per window and reports how many it left out', async () => {
    const lines: string[] = [];
    const logger = createLogger(new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    let t = 0;
    const mw = requestLog(logger, () => t);
    const ctx = { status: 401, path: '/api/voter/session', method: 'POST', body: { code: 'unknown_code' } } as unknown as Koa.Context;
    for (let i = 0; i < 100; i++) await mw(ctx, async () => undefined);
    assert.equal(lines.length, 30);
    t += 10_000;
    await mw(ctx, async () => undefined);
    assert.match(lines[30]!, /"suppressed":70/);
    assert.equal(lines.length, 32);
  });
});
