// Loading a provision bundle into a fresh event: parse strictly, define the prepared polls, plant the
// canaries the wipe later searches for, and store it all in one transaction.
import { readFile } from 'node:fs/promises';
import { bundleSchema, formatZodError, type Bundle } from '../config/bundle.js';
import type { DeclaredClock } from '../device/clock.js';
import { err, ok, type Result } from '../result.js';
import type { Store } from '../store/store.js';
import { plantCanaries } from '../wipe/canaries.js';
import { definePoll } from '../voting/poll.js';
import type { Poll } from '../voting/types.js';

export type ImportError = { code: 'invalid_bundle' | 'unreadable_bundle' | 'event_exists'; detail: string };

export async function readBundle(path: string): Promise<Result<Bundle, ImportError>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return err({ code: 'unreadable_bundle', detail: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return err({ code: 'invalid_bundle', detail: `${path} is not JSON` });
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) return err({ code: 'invalid_bundle', detail: formatZodError(parsed.error) });
  return ok(parsed.data);
}

export async function importBundle(store: Store, bundle: Bundle, clock: DeclaredClock): Promise<Result<{ polls: number; cards: number }, ImportError>> {
  const polls: Poll[] = [];
  for (const [i, input] of bundle.polls.entries()) {
    const defined = definePoll('', input);
    if (!defined.ok) return err({ code: 'invalid_bundle', detail: `polls.${i}: ${defined.error.detail}` });
    polls.push(defined.value);
  }
  const result = await store.importBundle(
    bundle,
    polls.map((p) => (id: string) => ({ ...p, id })),
    plantCanaries(),
    { type: 'event.import', source: 'system', data: { eventId: bundle.event.id, cards: bundle.cards.length, polls: polls.length }, time: clock.now() },
  );
  if (!result.ok) return err({ code: 'event_exists', detail: 'an event is already loaded; wipe it first' });
  return ok({ polls: polls.length, cards: bundle.cards.length });
}
