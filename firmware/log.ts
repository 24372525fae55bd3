// One pino logger for the service. Redaction is a second line of defence: no code path logs a code,
// token, passphrase or choice in the first place, and request logs carry only method, route and status.
import pino, { type Logger, type DestinationStream } from 'pino';

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.code',
  '*.passphrase',
  '*.choices',
  '*.token',
  '*.cookie',
  'code',
  'passphrase',
  'choices',
  'token',
  'body',
  '*.body',
];

export function createLogger(destination?: DestinationStream, level = process.env.CONCLAVE_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    { level, base: { service: 'conclaved' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination,
  );
}

export type { Logger };
