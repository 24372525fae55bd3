// <chair-poll-form>: creates a poll as a draft on the agenda. Sends only the fields the chair set, since
// the server rejects unknown or meaningless ones (e.g. options on a motion).
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import type { PollKind } from '../shared/types.js';

const RULES = ['simple', 'absolute', 'qualified:2/3', 'qualified:3/4', 'entitled:1/2', 'entitled:2/3'] as const;

export class ChairPollForm extends LocalizedElement {
  static override properties = { kind: { state: true }, quorumOn: { state: true }, error: { state: true }, busy: { state: true } };

  kind: PollKind = 'motion';
  quorumOn = false;
  error = '';
  busy = false;

  private body(form: HTMLFormElement): Record<string, unknown> | string {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
    const body: Record<string, unknown> = { title: value('title'), kind: this.kind };
    if (!body.title) return t('error_title');
    const description = value('description');
    if (description) body.description = description;
    if (this.kind !== 'motion') {
      const options = value('options').split('\n').map((s) => s.trim()).filter(Boolean);
      if (options.length < 2) return t('error_options');
      body.options = options;
      if (this.kind === 'multi') {
        const min = Number(value('minChoices'));
        const max = Number(value('maxChoices'));
        if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < 1 || min > max || max > options.length) {
          return t('error_minmax', { n: options.length });
        }
        body.minChoices = min;
        body.maxChoices = max;
      }
    }
    if (checked('blank')) body.blank = true;
    const [kind, fraction] = value('rule').split(':');
    body.rule = fraction ? { kind, fraction } : { kind };
    if (this.quorumOn) {
      const atLeast = value('atLeast');
      if (!/^(\d{1,16}|[1-9]\d{0,2}\/[1-9]\d{0,2})$/.test(atLeast)) return t('error_quorum');
      body.quorum = { of: value('quorumOf'), measure: value('quorumMeasure'), atLeast };
    }
    if (checked('liveResults')) body.liveResults = true;
    return body;
  }

  private async submit(form: HTMLFormElement): Promise<void> {
    const body = this.body(form);
    if (typeof body === 'string') {
      this.error = body;
      return;
    }
    this.busy = true;
    const result = await api('/api/chair/polls', { method: 'POST', chair: true, body });
    this.busy = false;
    if (!result.ok) {
      this.error = result.code === 'network' ? t('error_network') : t('error_poll_invalid');
      return;
    }
    this.error = '';
    form.reset();
    this.kind = 'motion';
    this.quorumOn = false;
    this.dispatchEvent(new CustomEvent('changed', { bubbles: true }));
  }

  override render() {
    return html`<section class="card poll-form" aria-labelledby="poll-form-title">
      <h2 id="poll-form-title">${t('newPoll')}</h2>
      <form @submit=${(e: Event) => { e.preventDefault(); void this.submit(e.target as HTMLFormElement); }}>
        <label for="pf-title">${t('pollTitle')}</label>
        <input id="pf-title" name="title" type="text" maxlength="200" required />
        <label for="pf-description">${t('pollDescription')}</label>
        <textarea id="pf-description" name="description" rows="2" maxlength="2000"></textarea>
        <label for="pf-kind">${t('pollKind')}</label>
        <select id="pf-kind" name="kind" @change=${(e: Event) => { this.kind = (e.target as HTMLSelectElement).value as PollKind; }}>
          ${(['motion', 'choice', 'multi'] as const).map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t(`kind_${k}`)}</option>`)}
        </select>
        ${this.kind !== 'motion'
          ? html`<label for="pf-options">${t('pollOptions')}</label>
              <textarea id="pf-options" name="options" rows="4" aria-describedby="pf-options-hint"></textarea>
              <p id="pf-options-hint" class="hint">${t('pollOptionsHint')}</p>`
          : nothing}
        ${this.kind === 'multi'
          ? html`<div class="row">
              <span><label for="pf-min">${t('minChoices')}</label><input id="pf-min" name="minChoices" type="number" min="0" value="1" /></span>
              <span><label for="pf-max">${t('maxChoices')}</label><input id="pf-max" name="maxChoices" type="number" min="1" value="2" /></span>
            </div>`
          : nothing}
        <label class="check"><input type="checkbox" name="blank" /> ${t('offerBlank')}</label>
        <label for="pf-rule">${t('pollRule')}</label>
        <select id="pf-rule" name="rule">
          ${RULES.map((r) => {
            const [kind, fraction] = r.split(':');
            return html`<option value=${r}>${t(`rule_${kind}`, { fraction: fraction ?? '' })}</option>`;
          })}
        </select>
        <label class="check"><input type="checkbox" name="quorumOn" .checked=${this.quorumOn}
          @change=${(e: Event) => { this.quorumOn = (e.target as HTMLInputElement).checked; }} /> ${t('useQuorum')}</label>
        ${this.quorumOn
          ? html`<div class="row">
              <span><label for="pf-qof">${t('quorumOf')}</label>
                <select id="pf-qof" name="quorumOf"><option value="present">${t('quorumOf_present')}</option><option value="cast">${t('quorumOf_cast')}</option></select></span>
              <span><label for="pf-qm">${t('quorumMeasure')}</label>
                <select id="pf-qm" name="quorumMeasure"><option value="weight">${t('measure_weight')}</option><option value="heads">${t('measure_heads')}</option></select></span>
              <span><label for="pf-qa">${t('quorumAtLeast')}</label>
                <input id="pf-qa" name="atLeast" type="text" value="1/2" aria-describedby="pf-qa-hint" /></span>
            </div>
            <p id="pf-qa-hint" class="hint">${t('quorumAtLeastHint')}</p>`
          : nothing}
        <label class="check"><input type="checkbox" name="liveResults" /> ${t('liveResultsOption')}</label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('createPoll')}</button>
      </form>
    </section>`;
  }
}
customElements.define('chair-poll-form', ChairPollForm);
