// The JSON shapes of API.md that more than one route or stream sends.
import { Meeting } from '../meeting/meeting.js';
import type { Poll } from '../voting/types.js';
import type { AppDeps } from './deps.js';

export function pollSummary(meeting: Meeting, poll: Poll) {
  return {
    ...Meeting.voterView(poll),
    rule: poll.rule,
    quorum: poll.quorum,
    liveResults: poll.liveResults,
    turnout: poll.status === 'draft' ? { weight: '0', heads: 0 } : meeting.turnout(poll),
  };
}

export function overview(deps: AppDeps) {
  const { meeting } = deps;
  const present = meeting.present();
  const entitled = meeting.entitled();
  const clients = deps.network.clients();
  const alerts = [...meeting.currentAlerts()];
  const storage = deps.storage();
  if (deps.network.clientLimit > 0 && clients >= Math.floor(deps.network.clientLimit * 0.8)) {
    alerts.push({ id: 'network-capacity', kind: 'network', message: `${clients} of at most ${deps.network.clientLimit} Wi-Fi clients are connected`, at: null });
  }
  if (!storage.ok) alerts.push({ id: 'storage', kind: 'storage', message: storage.detail, at: null });
  return {
    event: { name: meeting.eventName() },
    cards: { issued: entitled.heads, present: present.heads, presentWeight: present.weight, entitledWeight: entitled.weight },
    polls: meeting.polls().map((p) => pollSummary(meeting, p)),
    network: { mode: deps.network.mode, clients, clientLimit: deps.network.clientLimit },
    device: { deviceId: deps.device.deviceId, fingerprint: deps.device.fingerprint, led: deps.controls.ledPattern(), storage },
    alerts,
  };
}

export function screenState(deps: AppDeps) {
  const { meeting } = deps;
  const poll = meeting.currentPoll();
  const present = meeting.present();
  const cast = poll ? meeting.turnout(poll) : { weight: '0', heads: 0 };
  const results = poll && poll.status === 'published' ? meeting.results(poll.id) : null;
  return {
    event: { name: meeting.eventName() },
    join: deps.join(),
    poll: poll ? Meeting.voterView(poll) : null,
    turnout: { heads: cast.heads, weight: cast.weight, ofHeads: present.heads, ofWeight: present.weight },
    results: results && results.ok ? results.value : null,
  };
}
