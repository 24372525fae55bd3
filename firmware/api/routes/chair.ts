// Chair routes (API.md "Chair"). Every state-changing request needs the X-Conclave-Chair header, which a
// cross-site form cannot send, and the chair cookie.
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { pollInputSchema } from '../../config/poll-schema.js';
import type { AppDeps } from '../deps.js';
import { readCookie, writeCookie } from '../cookies.js';
import { jsonBody } from '../middleware/json-body.js';
import { FailureLimiter, passphraseLimiterDefaults } from '../middleware/rate-limit.js';
import { problem } from '../problem.js';
import type { AppState } from '../state.js';
import type { EventHub } from '../sse.js';
import { overview, pollSummary } from '../views.js';
import { parseBody } from './parse.js';

const loginBody = z.strictObject({ passphrase: z.string().min(1).max(200), clock: z.iso.datetime({ offset: true }).optional() });
const emptyBody = z.strictObject({});
const wipeBody = z.strictObject({ confirm: z.string().max(200) });

export function chairRoutes(deps: AppDeps, hub: EventHub): Router<AppState> {
  const { meeting } = deps;
  const router = new Router<AppState>({ prefix: '/api/chair' });
  const limiter = new FailureLimiter(deps.limits?.passphrase ?? passphraseLimiterDefaults);

  const csrf: Middleware<AppState> = async function chairCsrf(ctx, next) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.get('x-conclave-chair') !== '1') {
      return problem(ctx, 'csrf_header_missing', 'state-changing chair requests need the header X-Conclave-Chair: 1');
    }
    return next();
  };
  const requireChair: Middleware<AppState> = async function requireChair(ctx, next) {
    const token = readCookie(ctx, 'conclave_chair');
    if (!meeting.isChair(token)) return problem(ctx, 'no_session', 'log in to the chair console');
    ctx.state.chairToken = token;
    return next();
  };
  const requireEvent: Middleware<AppState> = async function requireEvent(ctx, next) {
    if (!meeting.hasEvent()) return problem(ctx, 'no_event', 'no event is loaded on this appliance');
    return next();
  };
  const noBody = jsonBody();

  router.use(csrf);

  router.post('/session', requireEvent, jsonBody(), async (ctx) => {
    const retry = limiter.retryAfter(ctx.ip);
    if (retry > 0) {
      ctx.set('Retry-After', String(retry));
      return problem(ctx, 'rate_limited', `too many wrong passphrases; try again in ${retry} s`);
    }
    const body = parseBody(ctx, loginBody);
    if (!body) return;
    const result = await meeting.chairLogin(body.passphrase, body.clock);
    if (!result.ok) {
      if (result.error.code === 'bad_passphrase') limiter.fail(ctx.ip);
      return problem(ctx, result.error.code, result.error.detail);
    }
    writeCookie(ctx, 'conclave_chair', result.value.token);
    ctx.status = 201;
    ctx.body = { ok: true, event: { name: meeting.eventName() } };
  });

  // Wipe and attestation stay reachable after the event is gone (the chair downloads the attestation).
  router.get('/attestation', requireChair, (ctx) => {
    const a = deps.attestor?.lastAttestation();
    if (!a) return problem(ctx, 'not_found', 'no attestation yet');
    ctx.body = a;
  });

  router.use(requireEvent, requireChair);

  router.delete('/session', (ctx) => {
    meeting.chairLogout(ctx.state.chairToken!);
    writeCookie(ctx, 'conclave_chair', null);
    ctx.status = 204;
  });

  router.get('/overview', (ctx) => {
    ctx.body = overview(deps);
  });

  router.post('/polls', jsonBody(), async (ctx) => {
    const body = parseBody(ctx, pollInputSchema);
    if (!body) return;
    const result = await meeting.createPoll(body);
    if (!result.ok) return problem(ctx, result.error.code, result.error.detail);
    ctx.status = 201;
    ctx.body = pollSummary(meeting, result.value);
  });

  for (const action of ['open', 'close', 'publish'] as const) {
    router.post(`/polls/:id/${action}`, noBody, async (ctx) => {
      if (!parseBody(ctx, emptyBody, {})) return;
      const result = await meeting.transition(ctx.params.id ?? '', action, 'console');
      if (!result.ok) return problem(ctx, result.error.code, result.error.detail);
      ctx.body = pollSummary(meeting, result.value);
    });
  }

  router.get('/polls/:id/results', (ctx) => {
    const result = meeting.results(ctx.params.id ?? '');
    if (!result.ok) return problem(ctx, result.error.code, result.error.detail);
    ctx.body = result.value;
  });

  router.post('/cards/:label/release', noBody, async (ctx) => {
    if (!parseBody(ctx, emptyBody, {})) return;
    const label = ctx.params.label ?? '';
    const session = meeting.sessions.liveSessionOf(meeting.codeHashOfLabel(label) ?? '');
    const result = await meeting.releaseCard(label);
    if (!result.ok) return problem(ctx, result.error.code, result.error.detail);
    if (session) hub.closeSession(session.tokenHash);
    ctx.status = 204;
  });

  router.delete('/alerts/:id', (ctx) => {
    if (!meeting.dismissAlert(ctx.params.id ?? '')) return problem(ctx, 'not_found');
    ctx.status = 204;
  });

  router.get('/results-document', async (ctx) => {
    if (!deps.attestor) return problem(ctx, 'not_found', 'signing is not available');
    const result = await deps.attestor.resultsDocument();
    if (!result.ok) return problem(ctx, result.error.code, result.error.detail);
    ctx.set('Content-Disposition', 'attachment; filename="conclave-results.json"');
    ctx.body = result.value;
  });

  router.post('/wipe', jsonBody(), async (ctx) => {
    const body = parseBody(ctx, wipeBody);
    if (!body) return;
    if (body.confirm !== meeting.eventName()) return problem(ctx, 'confirm_mismatch', 'type the event name exactly to confirm the wipe');
    if (!deps.attestor) return problem(ctx, 'not_found', 'wiping is not available');
    const result = await deps.attestor.wipe('console');
    if (!result.ok) return problem(ctx, result.error.code, result.error.detail);
    ctx.body = result.value;
  });

  router.get('/events', async (ctx) => {
    await hub.open(ctx, 'chair');
  });

  return router;
}
