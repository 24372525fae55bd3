// A Server-Sent Events subscription that never gives up. EventSource retries by itself after a dropped
// connection, but not after an HTTP error status, and it never tells the page that the stream was silently
// lost; this wrapper reconnects with a capped backoff, reports the connection state so the apps can show
// "connection lost", and lets the app re-check its session (a 401 ends the stream for good).

export type ConnectionState = 'connecting' | 'open' | 'lost';

export interface StreamOptions {
  url: string;
  /** Event name → handler of the parsed JSON data. */
  on: Record<string, (data: unknown) => void>;
  onState: (state: ConnectionState) => void;
  /**
   * Called after an error before reconnecting; resolve false to stop (e.g. the session is gone).
   * Also the moment to refetch state that may have changed while disconnected.
   */
  onLost?: () => Promise<boolean>;
}

export interface Stream {
  close(): void;
}

export function subscribe(options: StreamOptions): Stream {
  let source: EventSource | null = null;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = (): void => {
    if (closed) return;
    options.onState('connecting');
    const es = new EventSource(options.url, { withCredentials: true });
    source = es;
    es.onopen = () => {
      attempt = 0;
      options.onState('open');
    };
    for (const [name, handler] of Object.entries(options.on)) {
      es.addEventListener(name, (event) => {
        let data: unknown;
        try {
          data = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          return;
        }
        handler(data);
      });
    }
    es.onerror = () => {
      // Take over reconnection ourselves so an HTTP error (401, 503 during restart) is handled too.
      es.close();
      if (source !== es || closed) return;
      source = null;
      options.onState('lost');
      const delay = Math.min(10_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt = Math.min(attempt + 1, 6);
      timer = setTimeout(async () => {
        if (closed) return;
        const keepGoing = options.onLost ? await options.onLost() : true;
        if (keepGoing && !source && !closed) open();
      }, delay);
    };
  };

  // When the phone says its network is back, retry at once instead of waiting out the backoff.
  const online = (): void => {
    if (closed || source) return;
    clearTimeout(timer);
    attempt = 0;
    void (options.onLost ? options.onLost() : Promise.resolve(true)).then((keepGoing) => {
      if (keepGoing && !source && !closed) open();
    });
  };
  window.addEventListener('online', online);

  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      window.removeEventListener('online', online);
      source?.close();
      source = null;
    },
  };
}
