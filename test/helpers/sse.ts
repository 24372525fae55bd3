// Reads a text/event-stream over fetch and hands out parsed events as they arrive.
export interface SseEvent {
  event: string;
  data: string;
}

export class SseReader {
  private buffer = '';
  private readonly queue: SseEvent[] = [];
  private waiters: (() => void)[] = [];
  private readonly ctl = new AbortController();
  status = 0;

  static async open(url: string, cookie?: string): Promise<SseReader> {
    const r = new SseReader();
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, signal: r.ctl.signal });
    r.status = res.status;
    if (res.body) void r.pump(res.body);
    return r;
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let idx;
        while ((idx = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, idx);
          this.buffer = this.buffer.slice(idx + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) this.queue.push({ event, data: data.join('\n') });
          for (const w of this.waiters.splice(0)) w();
        }
      }
    } catch {
      /* aborted */
    }
  }

  /** Waits for the next event matching `pred` (events before it are consumed). */
  async next(pred: (e: SseEvent) => boolean = () => true, timeoutMs = 5000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.queue.findIndex(pred);
      if (i >= 0) return this.queue.splice(0, i + 1).pop()!;
      if (Date.now() > deadline) throw new Error('timed out waiting for an event');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ctl.abort();
  }
}
