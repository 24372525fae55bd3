// Fakes for tests and simulation: a button pressed from code (terminal key, dev endpoint, tests) and an
// LED that only remembers and reports what it shows.
import { createEdgeHub, type Button, type ButtonEdgeKind } from './button.js';
import type { Led, LedPattern } from './led.js';

export interface FakeButton extends Button {
  edge(kind: ButtonEdgeKind, atMs: number): void;
}

export function createFakeButton(): FakeButton {
  const hub = createEdgeHub();
  return {
    onEdge: hub.subscribe,
    start() {},
    async stop() {},
    edge: (kind, atMs) => hub.emit({ kind, atMs }),
  };
}

export interface FakeLed extends Led {
  current(): LedPattern | null;
  history(): LedPattern[];
}

export function createFakeLed(onShow?: (pattern: LedPattern) => void): FakeLed {
  const shown: LedPattern[] = [];
  return {
    show(pattern) {
      if (shown.at(-1) === pattern) return;
      shown.push(pattern);
      onShow?.(pattern);
    },
    async stop() {},
    current: () => shown.at(-1) ?? null,
    history: () => [...shown],
  };
}
