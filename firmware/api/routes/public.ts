// Public read-only routes: the projector screen, the device identity and the health check.
import Router from '@koa/router';
import type { AppDeps } from '../deps.js';
import { problem } from '../problem.js';
import type { AppState } from '../state.js';
import type { EventHub } from '../sse.js';
import { screenState } from '../views.js';

export function publicRoutes(deps: AppDeps, hub: EventHub): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api' });

  router.get('/screen/state', (ctx) => {
    if (!deps.meeting.hasEvent()) return problem(ctx, 'no_event');
    ctx.body = screenState(deps);
  });

  router.get('/screen/events', async (ctx) => {
    if (!deps.meeting.hasEvent()) return problem(ctx, 'no_event');
    await hub.open(ctx, 'screen');
  });

  router.get('/device', (ctx) => {
    ctx.body = {
      deviceId: deps.device.deviceId,
      publicKey: deps.device.publicKeyPem,
      fingerprint: deps.device.fingerprint,
      software: deps.software,
    };
  });

  router.get('/health', (ctx) => {
    const storage = deps.storage();
    if (!storage.ok) return problem(ctx, 'not_ready', storage.detail);
    ctx.body = { ok: true, event: deps.meeting.hasEvent(), notices: deps.notices?.() ?? [] };
  });

  return router;
}
