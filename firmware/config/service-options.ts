// conclaved's command line, parsed once at the edge. Unknown flags are errors.
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { err, ok, type Result } from '../result.js';

export const USAGE = `conclaved — the Conclave voting service

Usage: conclaved --data DIR [--bundle FILE] [options]

  --data DIR            event data folder (LMDB store); wiped after the meeting
  --bundle FILE         provision bundle to import when no event is loaded
  --remove-bundle       overwrite and delete the bundle file after a successful import
  --device-dir DIR      device key folder, kept across wipes (default: DIR/../device)
  --port N              HTTP port (default 80; 8080 with --simulate-hardware)
  --listen ADDR         bind address (default 0.0.0.0; 127.0.0.1 with --simulate-hardware)
  --tls-port N          HTTPS port when the bundle has a certificate (default 443; off in simulation)
  --simulate-hardware   fake button and LED (Enter = short press, l + Enter = long press), /api/dev routes
  --demo                (simulation) load a demo event and print its codes and chair passphrase
  --webui DIR           static web UI folder (default: dist/webui beside this program)
  --radio IFACE         the access point's interface, for counting Wi-Fi clients (default wlan0)
  --help                this text
`;

export interface ServiceOptions {
  dataDir: string;
  deviceDir: string;
  bundle: string | null;
  removeBundle: boolean;
  port: number;
  listen: string;
  tlsPort: number | null;
  simulate: boolean;
  demo: boolean;
  webui: string | null;
  radio: string;
  help: boolean;
}

export function parseServiceOptions(argv: string[]): Result<ServiceOptions, string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        bundle: { type: 'string' },
        'remove-bundle': { type: 'boolean' },
        'device-dir': { type: 'string' },
        port: { type: 'string' },
        listen: { type: 'string' },
        'tls-port': { type: 'string' },
        'simulate-hardware': { type: 'boolean' },
        demo: { type: 'boolean' },
        webui: { type: 'string' },
        radio: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    return err(`${(e as Error).message}\nRun conclaved --help for the options.`);
  }
  const simulate = values['simulate-hardware'] ?? false;
  const demo = values.demo ?? false;
  if (values.help) return ok({ help: true } as ServiceOptions);
  if (demo && !simulate) return err('--demo needs --simulate-hardware: the demo event is for simulation only.');
  const dataDir = resolve(values.data ?? (simulate ? '.data/event' : ''));
  if (!values.data && !simulate) return err('--data DIR is required (the event data folder).');
  const port = Number(values.port ?? (simulate ? 8080 : 80));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return err(`--port must be a port number, not "${values.port}".`);
  const tlsPortRaw = values['tls-port'] ?? (simulate ? null : '443');
  const tlsPort = tlsPortRaw === null ? null : Number(tlsPortRaw);
  if (tlsPort !== null && (!Number.isInteger(tlsPort) || tlsPort < 0 || tlsPort > 65535)) return err('--tls-port must be a port number.');
  return ok({
    dataDir,
    deviceDir: resolve(values['device-dir'] ?? join(dirname(dataDir), 'device')),
    bundle: values.bundle ? resolve(values.bundle) : null,
    removeBundle: values['remove-bundle'] ?? false,
    port,
    listen: values.listen ?? (simulate ? '127.0.0.1' : '0.0.0.0'),
    tlsPort,
    simulate,
    demo,
    webui: values.webui ?? null,
    radio: values.radio ?? 'wlan0',
    help: false,
  });
}
