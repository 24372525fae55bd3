// JSON request bodies: at most 16 KiB (413 beyond), valid UTF-8, valid JSON, and only as
// application/json. The parsed value is left on ctx.state.body for the route's schema.
import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import type { AppState } from '../state.js';
import { problem } from '../problem.js';

export const BODY_LIMIT = 16 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function jsonBody(): Middleware<AppState> {
  return async function jsonBodyMiddleware(ctx, next) {
    const declared = Number(ctx.get('content-length') || '0');
    if (declared > BODY_LIMIT) return problem(ctx, 'body_too_large', `at most ${BODY_LIMIT} bytes`);
    const hasBody = declared > 0 || ctx.get('transfer-encoding') !== '';
    if (!hasBody) {
      ctx.state.body = undefined;
      return next();
    }
    if (!ctx.is('application/json')) return problem(ctx, 'unsupported_media_type', 'send application/json');
    let raw: Buffer;
    try {
      raw = await getRawBody(ctx.req, { limit: BODY_LIMIT, length: ctx.get('content-length') || undefined });
    } catch (e) {
      const type = (e as { type?: string }).type;
      if (type === 'entity.too.large') return problem(ctx, 'body_too_large', `at most ${BODY_LIMIT} bytes`);
      return problem(ctx, 'invalid_request', 'the body could not be read');
    }
    try {
      ctx.state.body = JSON.parse(utf8.decode(raw));
    } catch {
      return problem(ctx, 'invalid_json', 'the body is not valid UTF-8 JSON');
    }
    return next();
  };
}
