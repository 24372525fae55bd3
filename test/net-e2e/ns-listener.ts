// A stand-in host inside a test network namespace: accepts TCP on the given address and ports and answers
// "outside <port>", so the end-to-end test can tell whether a connection reached it or the appliance.
import { createServer } from 'node:net';

const [address, ...ports] = process.argv.slice(2);
for (const port of ports) {
  createServer((s) => {
    s.end(`HTTP/1.1 200 OK\r\nContent-Length: 12\r\nConnection: close\r\n\r\noutside ${port.padStart(4, '0')}`);
  }).listen(Number(port), address, () => process.stdout.write(`listening ${port}\n`));
}
setTimeout(() => process.exit(0), 120_000).unref();
