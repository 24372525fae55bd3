// The baseline: a bare Koa app with one JSON endpoint that reads and parses a small body, as a child
// process on loopback. It does no storage, so its throughput is the ceiling for Node + Koa here.
import { createServer } from 'node:http';
import Koa from 'koa';

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method !== 'POST') {
    ctx.body = { ok: true };
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of ctx.req) chunks.push(c as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { pollId?: unknown };
  ctx.status = 201;
  ctx.body = { recorded: typeof body.pollId === 'string' };
});
const server = createServer(app.callback());
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
