// Simulation-only routes: the fake button, the fake LED and the demo codes. Mounted only with
// --simulate-hardware, and even then answered only for loopback clients.
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../middleware/json-body.js';
import { problem } from '../problem.js';
import type { AppState } from '../state.js';
import type { EventHub } from '../sse.js';
import { parseBody } from './parse.js';

const pressBody = z.strictObject({ press: z.enum(['short', 'long']) });

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function devRoutes(deps: AppDeps, hub?: EventHub): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/dev' });
  const loopbackOnly: Middleware<AppState> = async function loopbackOnly(ctx, next) {
    if (!LOOPBACK.test(ctx.request.socket.remoteAddress ?? '')) return problem(ctx, 'forbidden', 'simulation routes answer loopback clients only');
    return next();
  };
  router.use(loopbackOnly);

  router.post('/button', jsonBody(), async (ctx) => {
    const body = parseBody(ctx, pressBody);
    if (!body) return;
    await deps.controls.press(body.press, 'dev');
    ctx.status = 204;
  });

  router.get('/led', (ctx) => {
    ctx.body = { pattern: deps.controls.ledPattern() };
  });

  router.get('/demo', (ctx) => {
    if (!deps.demo) return problem(ctx, 'not_found', 'not started with --demo');
    ctx.body = deps.demo;
  });

  // For the benchmark: stream counts, how long the last voter broadcast loop took, and memory. With
  // ?gc=1 and node --expose-gc, a full collection first, so memory per connection is not GC noise.
  router.get('/stats', (ctx) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (ctx.query.gc === '1' && gc) gc();
    const { rss, heapUsed } = process.memoryUsage();
    ctx.body = { streams: hub?.counts ?? null, lastBroadcastMs: hub?.lastBroadcastMs ?? null, memory: { rss, heapUsed, collected: ctx.query.gc === '1' && gc !== undefined } };
  });

  return router;
}
