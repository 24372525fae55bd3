// What middleware puts on ctx.state for the routes after it.
import type { SessionInfo } from '../meeting/sessions.js';

export interface AppState {
  /** Parsed JSON body (set by the body middleware). */
  body?: unknown;
  voter?: SessionInfo;
  chairToken?: string;
}
