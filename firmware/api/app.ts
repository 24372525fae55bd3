// Builds the Koa app from injected dependencies. It never picks devices or opens files itself.
import Koa from 'koa';
import type { AppDeps } from './deps.js';
import { errorBoundary } from './middleware/error-boundary.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { problem } from './problem.js';
import { chairRoutes } from './routes/chair.js';
import { devRoutes } from './routes/dev.js';
import { publicRoutes } from './routes/public.js';
import { voterRoutes } from './routes/voter.js';
import type { AppState } from './state.js';
import { EventHub } from './sse.js';
import { Meeting } from '../meeting/meeting.js';
import { overview, screenState } from './views.js';

export function createApp(deps: AppDeps): { app: Koa<AppState>; hub: EventHub } {
  const { meeting } = deps;
  const hub = new EventHub(
    {
      voter() {
        const base = meeting.currentPoll();
        const event = { name: meeting.eventName() ?? '' };
        const poll = base ? Meeting.voterView(base) : null;
        return {
          pollId: base?.id ?? null,
          notVoted: JSON.stringify({ event, poll, hasVoted: false }),
          voted: JSON.stringify({ event, poll, hasVoted: true }),
        };
      },
      hasVoted: (pollId, session) => meeting.hasVotedIn(pollId, session.codeHash),
      async chair() {
        return [
          { event: 'overview', data: JSON.stringify(overview(deps)) },
          { event: 'led', data: JSON.stringify({ pattern: deps.controls.ledPattern() }) },
        ];
      },
      screen: () => JSON.stringify(meeting.hasEvent() ? screenState(deps) : { event: null }),
    },
    deps.logger,
    () => hub.schedule(['chair', 'screen']),
    deps.hub,
  );
  meeting.onChange((changes) => hub.schedule(changes));
  meeting.onReset(() => hub.endEventStreams());
  meeting.onVoted((session) => hub.sendToSession(session));
  deps.controls.onLedChange((pattern) => hub.chairEvent('led', { pattern }));

  const app = new Koa<AppState>({ proxy: false });
  app.silent = true;
  app.on('error', (e: Error & { code?: string }) => {
    // Client disconnects mid-response are routine on Wi-Fi; anything else is worth a line.
    if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    deps.logger.warn({ err: e }, 'response error');
  });

  app.use(requestLog(deps.logger));
  app.use(errorBoundary(deps.logger));
  app.use(securityHeaders({ tls: false }));
  if (deps.portal) app.use(deps.portal);

  const routers = [voterRoutes(deps, hub), chairRoutes(deps, hub), publicRoutes(deps, hub), ...(deps.simulate ? [devRoutes(deps, hub)] : [])];
  for (const r of routers) app.use(r.routes());
  app.use(async function apiFallback(ctx, next) {
    if (!ctx.path.startsWith('/api/')) return next();
    if (ctx.body === undefined || ctx.body === null) problem(ctx, 'not_found', 'no such API route');
  });
  if (deps.staticFiles) app.use(deps.staticFiles);

  return { app, hub };
}
