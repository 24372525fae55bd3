// The audit log is a hash chain: each entry commits to the previous entry's hash, so editing, removing
// or reordering any entry breaks verification from that point on. It records chair actions and system
// events only, never anything about a voter or a choice.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { TimeStamp } from '../device/clock.js';

export type AuditSource = 'console' | 'button' | 'system' | 'dev';

export interface AuditEntry {
  seq: number;
  type: string;
  source: AuditSource;
  data: Record<string, string | number | boolean | null>;
  time: TimeStamp;
  prev: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const text = canonicalize(entry);
  if (text === undefined) throw new Error('audit entry is not serialisable');
  return createHash('sha256').update(text).digest('hex');
}

export function nextEntry(prev: AuditEntry | undefined, fields: Pick<AuditEntry, 'type' | 'source' | 'data' | 'time'>): AuditEntry {
  const body = { seq: prev ? prev.seq + 1 : 0, ...fields, prev: prev ? prev.hash : GENESIS };
  return { ...body, hash: entryHash(body) };
}

export type ChainCheck = { ok: true; head: string; length: number } | { ok: false; at: number; reason: string };

export function verifyChain(entries: AuditEntry[]): ChainCheck {
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as AuditEntry;
    if (e.seq !== i) return { ok: false, at: i, reason: `entry ${i} carries sequence number ${e.seq}` };
    if (e.prev !== prev) return { ok: false, at: i, reason: `entry ${i} does not follow the entry before it` };
    const { hash, ...body } = e;
    if (entryHash(body) !== hash) return { ok: false, at: i, reason: `entry ${i} was altered` };
    prev = hash;
  }
  return { ok: true, head: prev, length: entries.length };
}
