// Chair actions the scenarios need: log in, create a motion, open and close it.
import { Device, loginChair } from '../helpers/client.js';

export class BenchChair {
  private constructor(private readonly d: Device) {}

  static async login(base: string, passphrase: string): Promise<BenchChair> {
    return new BenchChair(await loginChair(base, passphrase));
  }

  async createMotion(title: string): Promise<string> {
    const r = await this.d.chairPost('/api/chair/polls', { title, kind: 'motion', liveResults: true });
    if (r.status !== 201) throw new Error(`create poll: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  }

  async open(id: string): Promise<void> {
    const r = await this.d.chairPost(`/api/chair/polls/${id}/open`);
    if (r.status !== 200) throw new Error(`open poll: ${r.status} ${JSON.stringify(r.body)}`);
  }

  async close(id: string): Promise<void> {
    const r = await this.d.chairPost(`/api/chair/polls/${id}/close`);
    if (r.status !== 200) throw new Error(`close poll: ${r.status} ${JSON.stringify(r.body)}`);
  }

  /** Ballots counted in a poll (heads). */
  async counted(id: string): Promise<number> {
    const r = await this.d.get(`/api/chair/polls/${id}/results`);
    if (r.status !== 200) throw new Error(`results: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.cast.heads as number;
  }
}
