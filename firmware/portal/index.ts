// Captive portal middleware, mounted first in conclaved's Koa app (except in venue mode). Every request for a
// host that is not the appliance — every OS connectivity probe included — is redirected to the voter app, so
// the phone opens its portal sheet on the code-entry page and keeps it as the voting surface ("stay captive").
// GET /api/captive answers RFC 8908 when phones can trust our HTTPS (DHCP option 114 points there).
import type Koa from 'koa';
import { problem } from '../api/problem.js';
import { classifyProbe, normaliseHost, type ProbeFamily } from './probes.js';

export { classifyProbe, normaliseHost, PROBES, type ProbeFamily } from './probes.js';

export interface CaptivePortalOptions {
  /** The appliance's host name (DNS answers it locally). */
  host: string;
  /** The appliance's address on the voter network. */
  address: string;
  /** Where the portal lands; default "/" (the voter app). */
  portalPath?: string;
  /** An organisation certificate for `host`: redirect to HTTPS and serve the RFC 8908 API. */
  tlsTrusted: boolean;
  httpsPort?: number;
  /** Port of the plain-HTTP listener, when it is not 80 (simulation, tests). */
  httpPort?: number;
  /** Called once per redirected probe with its OS family (null for other foreign hosts); for counters, never logs a URL. */
  onRedirect?: (family: ProbeFamily | null) => void;
}

export function portalUrl(opts: CaptivePortalOptions): string {
  const path = opts.portalPath ?? '/';
  if (opts.tlsTrusted) {
    const port = opts.httpsPort && opts.httpsPort !== 443 ? `:${opts.httpsPort}` : '';
    return `https://${opts.host}${port}${path}`;
  }
  const port = opts.httpPort && opts.httpPort !== 80 ? `:${opts.httpPort}` : '';
  return `http://${opts.host}${port}${path}`;
}

export function captivePortal(opts: CaptivePortalOptions): Koa.Middleware {
  const own = new Set([opts.host.toLowerCase(), opts.address, 'localhost', '127.0.0.1', '::1']);
  const target = portalUrl(opts);
  const escaped = target.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>Conclave</title><meta http-equiv="refresh" content="0;url=${escaped}"></head><body><a href="${escaped}">Conclave</a></body></html>`;

  return async function captivePortalMiddleware(ctx, next) {
    const host = normaliseHost(ctx.get('host'));
    if (!own.has(host)) {
      opts.onRedirect?.(classifyProbe(host, ctx.path));
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 302;
      ctx.set('Location', target);
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = ctx.method === 'HEAD' ? '' : body;
      return;
    }
    if (ctx.path === '/api/captive' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.set('Cache-Control', 'no-store');
      if (!opts.tlsTrusted) {
        problem(ctx, 'not_found', 'The captive portal API is only offered with a trusted certificate.');
        return;
      }
      ctx.status = 200;
      ctx.type = 'application/captive+json';
      // Stay captive: the phone keeps the portal sheet open as the voting surface.
      ctx.body = { captive: true, 'user-portal-url': target, 'can-extend-session': false };
      return;
    }
    await next();
  };
}
