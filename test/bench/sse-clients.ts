// Many voter event streams in one process, each on its own socket, recording when each first sees a
// `state` event that matches a predicate.
import { request, type ClientRequest } from 'node:http';

export interface VoterState {
  poll: { id: string; status: string } | null;
  hasVoted: boolean;
}

export class StreamFleet {
  private readonly reqs: ClientRequest[] = [];
  private watch: { pred: (s: VoterState) => boolean; arrivals: number[]; seen: Set<number>; done: () => void; need: number } | null = null;

  /** Opens one stream per cookie, `batch` at a time, resolving when every stream has its first state. */
  static async open(base: string, cookies: string[], batch = 200): Promise<StreamFleet> {
    const fleet = new StreamFleet();
    for (let i = 0; i < cookies.length; i += batch) {
      await Promise.all(cookies.slice(i, i + batch).map((c, j) => fleet.one(base, c, i + j)));
    }
    return fleet;
  }

  get size(): number {
    return this.reqs.length;
  }

  private one(base: string, cookie: string, index: number): Promise<void> {
    const url = new URL('/api/voter/events', base);
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, agent: false, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`event stream refused: ${res.statusCode}`));
          res.resume();
          return;
        }
        let buffer = '';
        let first = true;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let idx;
          while ((idx = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, idx);
            buffer = buffer.slice(idx + 2);
            if (!block.startsWith('event: state\n')) continue;
            const data = block.slice(block.indexOf('data: ') + 6);
            if (first) {
              first = false;
              resolve();
            }
            this.observe(index, JSON.parse(data) as VoterState);
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', reject);
      req.end();
      this.reqs.push(req);
    });
  }

  private observe(index: number, state: VoterState): void {
    const w = this.watch;
    if (!w || w.seen.has(index) || !w.pred(state)) return;
    w.seen.add(index);
    w.arrivals.push(performance.now());
    if (w.seen.size >= w.need) w.done();
  }

  /** Starts watching for a state; the promise resolves with each stream's arrival time, or rejects on timeout. */
  expect(pred: (s: VoterState) => boolean, timeoutMs: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const arrivals: number[] = [];
      const t = setTimeout(() => reject(new Error(`only ${arrivals.length} of ${this.size} streams saw the event`)), timeoutMs);
      this.watch = {
        pred,
        arrivals,
        seen: new Set(),
        need: this.size,
        done: () => {
          clearTimeout(t);
          this.watch = null;
          resolve(arrivals);
        },
      };
    });
  }

  close(): void {
    for (const r of this.reqs) r.destroy();
  }
}
