// Logs refused and failed requests (method, path, status, duration) so a technician can see trouble in
// the journal. Successful requests are not logged, and nothing about ballots ever is: a timestamped
// line per vote would undo the ballot box's lack of timestamps.
import type { Middleware } from 'koa';
import type { Logger } from '../../log.js';

const NEVER_LOGGED = new Set(['/api/voter/ballots']);
/** A flood of refused requests (a guesser) must not flood the journal: at most this many lines per window. */
const LINES_PER_WINDOW = 30;
const WINDOW_MS = 10_000;

export function requestLog(logger: Logger, now: () => number = () => Date.now()): Middleware {
  let windowStart = now();
  let lines = 0;
  let suppressed = 0;
  const admit = (): boolean => {
    const t = now();
    if (t - windowStart >= WINDOW_MS) {
      if (suppressed > 0) logger.warn({ suppressed, windowMs: WINDOW_MS }, 'refused requests not logged individually');
      windowStart = t;
      lines = 0;
      suppressed = 0;
    }
    if (lines < LINES_PER_WINDOW) {
      lines++;
      return true;
    }
    suppressed++;
    return false;
  };
  return async function requestLogMiddleware(ctx, next) {
    const started = performance.now();
    await next();
    if (ctx.status < 400 || NEVER_LOGGED.has(ctx.path)) return;
    if (!admit()) return;
    const body = ctx.body as { code?: unknown } | undefined;
    logger.info(
      { method: ctx.method, path: ctx.path.slice(0, 200), status: ctx.status, problem: typeof body?.code === 'string' ? body.code : undefined, ms: Math.round(performance.now() - started) },
      'request refused',
    );
  };
}
