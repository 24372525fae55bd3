// Validates a parsed body against a strict schema; on failure answers 400 invalid_request naming the field.
import type { Context } from 'koa';
import type { z } from 'zod';
import { formatZodError } from '../../config/bundle.js';
import { problem } from '../problem.js';

export function parseBody<T extends z.ZodType>(ctx: Context, schema: T, fallback: unknown = undefined): z.infer<T> | undefined {
  const raw = ctx.state.body === undefined ? fallback : ctx.state.body;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problem(ctx, 'invalid_request', formatZodError(parsed.error));
    return undefined;
  }
  return parsed.data;
}
