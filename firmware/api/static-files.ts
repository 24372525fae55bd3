// Serves the built web UI (dist/webui) from Koa: the three pages at /, /chair and /screen, and the
// content-hashed assets. Hashed files never change under their name, so phones may cache them for a year;
// pages are no-store so a rebuilt appliance is picked up at once. Files are precompressed at build time
// (.br and .gz beside each file) and picked by Accept-Encoding, so the Pi never compresses per request.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type Koa from 'koa';

const PAGES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/chair': 'chair.html',
  '/chair/': 'chair.html',
  '/screen': 'screen.html',
  '/screen/': 'screen.html',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** esbuild's [hash] is 8 characters of base32; only such names are safe to cache forever. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

type Encoding = 'br' | 'gzip' | 'identity';

/** The encodings the client accepts with a non-zero quality (RFC 9110 §12.5.3, without ranking by q). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    accepted.add(name);
  }
  return accepted;
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** Maps a request path to a file below root, or null for anything that could step outside it. */
function resolveFile(root: string, requestPath: string): string | null {
  const page = PAGES[requestPath];
  if (page) return join(root, page);
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  // No dot-segments and no hidden files; and the precompressed copies are reached only by negotiation.
  if (segments.length === 0 || segments.some((s) => s.startsWith('.'))) return null;
  if (/\.(gz|br)$/.test(decoded)) return null;
  const full = resolve(root, ...segments);
  return full.startsWith(root + sep) ? full : null;
}

export function staticFiles(rootDir: string): Koa.Middleware {
  const root = resolve(rootDir);
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const file = resolveFile(root, ctx.path);
    if (!file) return next();
    const type = TYPES[extname(file)];
    const size = type ? await fileSize(file) : null;
    if (size === null || !type) return next();

    const accepted = acceptedEncodings(ctx.get('accept-encoding') || undefined);
    let encoding: Encoding = 'identity';
    let servedPath = file;
    let servedSize = size;
    for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
      if (!accepted.has(name)) continue;
      const variant = await fileSize(file + suffix);
      if (variant !== null) {
        encoding = name;
        servedPath = file + suffix;
        servedSize = variant;
        break;
      }
    }

    ctx.status = 200;
    ctx.type = type;
    ctx.vary('Accept-Encoding');
    if (encoding !== 'identity') ctx.set('Content-Encoding', encoding);
    if (type.startsWith('text/html')) ctx.set('Cache-Control', 'no-store');
    else if (HASHED.test(file)) ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    else ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    // A HEAD gets the headers only; Koa ends it without a body (setting body to null would make it a 204).
    if (ctx.method === 'GET') ctx.body = createReadStream(servedPath);
    ctx.length = servedSize;
  };
}
