// The error boundary: anything unexpected becomes a generic 500 problem; the details go to the log
// only. Requests are logged by method, route and status, never with bodies or cookies.
import type { Middleware } from 'koa';
import type { Logger } from '../../log.js';
import { problem } from '../problem.js';

export function errorBoundary(logger: Logger): Middleware {
  return async function errorBoundaryMiddleware(ctx, next) {
    try {
      await next();
    } catch (e) {
      const status = (e as { status?: number; expose?: boolean }).status;
      if (status && status >= 400 && status < 500) {
        // Koa/http-errors client errors (e.g. a malformed cookie header): still a problem response.
        problem(ctx, status === 413 ? 'body_too_large' : status === 405 ? 'method_not_allowed' : 'invalid_request');
        return;
      }
      logger.error({ err: e, method: ctx.method, path: ctx.path }, 'unexpected error');
      problem(ctx, 'internal');
    }
  };
}
