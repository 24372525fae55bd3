// The physical button as the rest of the firmware sees it: a stream of edges with monotonic times.
export type ButtonEdgeKind = 'down' | 'up';

export interface ButtonEdge {
  kind: ButtonEdgeKind;
  /** Monotonic milliseconds, in the same time base as the gesture clock. */
  atMs: number;
}

export type ButtonListener = (edge: ButtonEdge) => void;

export interface Button {
  onEdge(listener: ButtonListener): () => void;
  start(): void;
  stop(): Promise<void>;
}

/** Fan-out helper shared by the real and the fake button. */
export function createEdgeHub(): { subscribe(listener: ButtonListener): () => void; emit(edge: ButtonEdge): void } {
  const listeners = new Set<ButtonListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(edge) {
      for (const l of listeners) l(edge);
    },
  };
}
