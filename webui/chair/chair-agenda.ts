// <chair-agenda>: the list of polls with their state, live turnout and the actions each state allows
// (open a draft, close an open poll, publish a closed one), and the results underneath.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { formatNumber, t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import { optionLabel } from '../shared/option-label.js';
import { quorumText, ruleText } from './rule-text.js';
import type { PollSummary } from '../shared/types.js';
import './chair-results.js';

const ACTIONS = { draft: 'open', open: 'close', closed: 'publish', published: null } as const;

export class ChairAgenda extends LocalizedElement {
  static override properties = {
    polls: { attribute: false },
    busy: { state: true },
    error: { state: true },
    flipped: { state: true },
  };

  polls: PollSummary[] = [];
  busy = '';
  error = '';
  /** Polls whose results the chair showed or hid against the default (shown while open or closed). */
  flipped = new Set<string>();

  private async act(poll: PollSummary, action: 'open' | 'close' | 'publish'): Promise<void> {
    this.busy = poll.id;
    this.error = '';
    const result = await api(`/api/chair/polls/${encodeURIComponent(poll.id)}/${action}`, { method: 'POST', chair: true, body: {} });
    this.busy = '';
    if (!result.ok) {
      this.error = result.code === 'invalid_transition' ? t('error_invalid_transition') : result.code === 'network' ? t('error_network') : t('error_generic');
      return;
    }
    this.dispatchEvent(new CustomEvent('changed', { bubbles: true }));
  }

  private toggle(id: string): void {
    const next = new Set(this.flipped);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.flipped = next;
  }

  override render() {
    return html`<section class="card agenda" aria-labelledby="agenda-title">
      <h2 id="agenda-title">${t('agendaTitle')}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.polls.length === 0 ? html`<p class="hint">${t('noPolls')}</p>` : nothing}
      <ol class="polls">
        ${this.polls.map((p) => {
          const action = ACTIONS[p.status];
          const shownByDefault = p.status === 'open' || p.status === 'closed';
          const open = shownByDefault !== this.flipped.has(p.id);
          return html`<li class="poll poll-${p.status}" data-poll=${p.id}>
            <div class="poll-head">
              <div>
                <h3>${p.title}</h3>
                <p class="hint">${t(`kind_${p.kind}`)} · ${ruleText(p.rule)} · ${quorumText(p.quorum)}${p.liveResults ? ` · ${t('liveResults')}` : ''}</p>
                <p class="hint">${[...p.options, ...(p.blank ? [{ id: 'blank', label: '' }] : [])].map(optionLabel).join(' · ')}</p>
              </div>
              <span class="status-badge status-${p.status}">${t(`status_${p.status}`)}</span>
            </div>
            ${p.status !== 'draft' && p.turnout
              ? html`<p class="poll-turnout">${t('pollTurnout', { heads: formatNumber(p.turnout.heads), weight: formatNumber(p.turnout.weight) })}</p>`
              : nothing}
            <div class="actions">
              ${action
                ? html`<button type="button" class=${action === 'close' ? 'primary danger' : 'primary'} data-action=${action}
                    ?disabled=${this.busy === p.id} @click=${() => void this.act(p, action)}>${t(`action_${action}`)}</button>`
                : nothing}
              ${p.status === 'closed' || p.status === 'published'
                ? html`<button type="button" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.toggle(p.id)}>${t('resultsTitle')}</button>`
                : nothing}
            </div>
            ${open && p.status !== 'draft' ? html`<chair-results .poll=${p}></chair-results>` : nothing}
          </li>`;
        })}
      </ol>
    </section>`;
  }
}
customElements.define('chair-agenda', ChairAgenda);
