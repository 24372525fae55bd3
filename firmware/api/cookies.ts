// Session cookies (DESIGN §4): HttpOnly, SameSite=Strict; under TLS the __Host- prefix and Secure.
import type { Context } from 'koa';

export type CookieKind = 'conclave_voter' | 'conclave_chair';

const nameFor = (ctx: Context, kind: CookieKind) => (ctx.secure ? `__Host-${kind}` : kind);

export function readCookie(ctx: Context, kind: CookieKind): string | undefined {
  try {
    return ctx.cookies.get(nameFor(ctx, kind)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeCookie(ctx: Context, kind: CookieKind, token: string | null): void {
  ctx.cookies.set(nameFor(ctx, kind), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    path: '/',
    overwrite: true,
    ...(token === null ? { expires: new Date(0) } : {}),
  });
}
