// Logs refused and failed requests (method, path, status, duration) so a technician can see trouble in
// the journal. Successful requests are not logged, and nothing about ballots ever is: a timestamped
// line per vote would undo the ballot box's lack of timestamps.
import type { Middleware } from 'koa';
import type { Logger } from '../../log.js';

const NEVER_LOGGED = new Set(['/api/voter/ballots']);

export function requestLog(logger: Logger): Middleware {
  return async function requestLogMiddleware(ctx, next) {
    const started = performance.now();
    await next();
    if (ctx.status < 400 || NEVER_LOGGED.has(ctx.path)) return;
    const body = ctx.body as { code?: unknown } | undefined;
    logger.info(
      { method: ctx.method, path: ctx.path.slice(0, 200), status: ctx.status, problem: typeof body?.code === 'string' ? body.code : undefined, ms: Math.round(performance.now() - started) },
      'request refused',
    );
  };
}
