// RFC 9457 problem details: the one place where expected failures become HTTP responses.
import type { Context } from 'koa';

const STATUS: Record<string, [number, string]> = {
  invalid_request: [400, 'Invalid request'],
  invalid_json: [400, 'Malformed JSON'],
  code_typo: [400, 'The code has a typo'],
  confirm_mismatch: [400, 'Confirmation does not match'],
  unsupported_media_type: [415, 'Send JSON'],
  no_session: [401, 'Not logged in'],
  unknown_code: [401, 'Unknown code'],
  bad_passphrase: [401, 'Wrong passphrase'],
  csrf_header_missing: [403, 'Missing X-Conclave-Chair header'],
  forbidden: [403, 'Forbidden'],
  not_found: [404, 'Not found'],
  no_poll: [404, 'No such poll'],
  no_card: [404, 'No such card'],
  method_not_allowed: [405, 'Method not allowed'],
  code_in_use: [409, 'Code already in use'],
  already_voted: [409, 'Already voted'],
  poll_not_open: [409, 'Poll not open'],
  invalid_transition: [409, 'Invalid transition'],
  results_hidden: [409, 'Results are hidden'],
  polls_open: [409, 'A poll is still open'],
  event_exists: [409, 'An event is already loaded'],
  body_too_large: [413, 'Body too large'],
  invalid_choice: [422, 'Invalid choice'],
  rate_limited: [429, 'Too many attempts'],
  internal: [500, 'Internal error'],
  no_event: [503, 'No event loaded'],
  not_ready: [503, 'Not ready'],
};

export function problemStatus(code: string): number {
  return STATUS[code]?.[0] ?? 400;
}

export function problem(ctx: Context, code: string, detail?: string): void {
  const [status, title] = STATUS[code] ?? [400, 'Bad request'];
  ctx.status = status;
  ctx.type = 'application/problem+json';
  ctx.body = { type: 'about:blank', title, status, code, ...(detail ? { detail } : {}) };
}
