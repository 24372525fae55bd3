// Voter routes (API.md "Voter").
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { readCookie, writeCookie } from '../cookies.js';
import { jsonBody } from '../middleware/json-body.js';
import { FailureLimiter, codeLimiterDefaults } from '../middleware/rate-limit.js';
import { problem } from '../problem.js';
import type { AppState } from '../state.js';
import type { EventHub } from '../sse.js';
import { parseBody } from './parse.js';

const loginBody = z.strictObject({ code: z.string().max(64) });
const ballotBody = z.strictObject({ pollId: z.string().min(1).max(64), choices: z.array(z.string().max(64)).max(64) });

export function voterRoutes(deps: AppDeps, hub: EventHub): Router<AppState> {
  const { meeting } = deps;
  const router = new Router<AppState>({ prefix: '/api/voter' });
  const limiter = new FailureLimiter(deps.limits?.code ?? codeLimiterDefaults);

  const requireEvent: Middleware<AppState> = async function requireEvent(ctx, next) {
    if (!meeting.hasEvent()) return problem(ctx, 'no_event', 'no event is loaded on this appliance');
    return next();
  };
  const requireVoter: Middleware<AppState> = async function requireVoter(ctx, next) {
    const session = meeting.voterSession(readCookie(ctx, 'conclave_voter'));
    if (!session) return problem(ctx, 'no_session', 'log in with the code on your card');
    ctx.state.voter = session;
    return next();
  };

  router.post('/session', requireEvent, jsonBody(), async (ctx) => {
    const retry = limiter.retryAfter(ctx.ip);
    if (retry > 0) {
      ctx.set('Retry-After', String(retry));
      return problem(ctx, 'rate_limited', `too many wrong codes from this device; try again in ${retry} s`);
    }
    const body = parseBody(ctx, loginBody);
    if (!body) return;
    const result = await meeting.login(body.code);
    if (!result.ok) {
      if (result.error.code === 'unknown_code' || result.error.code === 'code_typo') limiter.fail(ctx.ip);
      return problem(ctx, result.error.code, result.error.detail);
    }
    writeCookie(ctx, 'conclave_voter', result.value.token);
    ctx.status = 201;
    ctx.body = { card: result.value.card };
  });

  router.delete('/session', requireEvent, requireVoter, async (ctx) => {
    const session = ctx.state.voter!;
    hub.closeSession(session.tokenHash);
    await meeting.logout(session);
    writeCookie(ctx, 'conclave_voter', null);
    ctx.status = 204;
  });

  router.get('/state', requireEvent, requireVoter, (ctx) => {
    ctx.body = { ...meeting.voterState(ctx.state.voter!), card: meeting.cardOf(ctx.state.voter!) };
  });

  router.post('/ballots', requireEvent, requireVoter, jsonBody(), async (ctx) => {
    const body = parseBody(ctx, ballotBody);
    if (!body) return;
    const result = await meeting.cast(ctx.state.voter!, body.pollId, body.choices);
    if (!result.ok) return problem(ctx, result.error.code, result.error.detail);
    ctx.status = 201;
    ctx.body = { recorded: true };
  });

  router.get('/events', requireEvent, requireVoter, async (ctx) => {
    await hub.open(ctx, 'voter', ctx.state.voter);
  });

  return router;
}
