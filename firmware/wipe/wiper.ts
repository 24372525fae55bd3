// What a wipe did and how it was checked, independent of whether a folder or a partition was erased.
export interface WipeInput {
  /** Random markers planted with the event at its start (see canaries.ts). */
  canaries: string[];
  /** The event's own poll titles and option labels: they must not be findable after the wipe either. */
  secrets: string[];
}

export interface WipeStep {
  name: string;
  ok: boolean;
  detail: string;
}

export interface WipeVerification {
  method: string;
  /** What was read: folders or block devices. */
  scope: string[];
  bytesScanned: number;
  canariesSearched: number;
  secretsSearched: number;
  /** Secrets too short to be told apart from unrelated bytes; not searched, only counted. */
  secretsSkipped: number;
  /** How many markers were still found (never which: they are the event's secrets). */
  found: number;
  clean: boolean;
}

export interface WipeReport {
  mode: 'folder' | 'partition';
  target: { kind: 'folder'; path: string; files: number; sizeBytes: number } | { kind: 'partition'; device: string; sizeBytes: number };
  technique: string;
  steps: WipeStep[];
  verification: WipeVerification;
}

export interface Wiper {
  readonly mode: 'folder' | 'partition';
  wipe(input: WipeInput): Promise<WipeReport>;
}
