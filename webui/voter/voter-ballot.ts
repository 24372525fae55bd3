// <voter-ballot>: one ballot for every poll kind (motion, choice, multi with min/max, blank vote), then a
// confirm step, then the POST. Fires `voted` {pollId, choiceText} once the server says the vote is durable,
// and `poll-closed` when the server refuses because the poll closed meanwhile.
import { html, nothing, type PropertyValues } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t, formatNumber } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import { optionLabel } from '../shared/option-label.js';
import type { Poll, PollOption } from '../shared/types.js';

export class VoterBallot extends LocalizedElement {
  static override properties = {
    poll: { attribute: false },
    selected: { state: true },
    step: { state: true },
    error: { state: true },
  };

  poll: Poll | null = null;
  selected: string[] = [];
  step: 'choose' | 'confirm' | 'sending' = 'choose';
  error = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('poll') as Poll | null | undefined;
    if (changed.has('poll') && previous?.id !== this.poll?.id) {
      this.selected = [];
      this.step = 'choose';
      this.error = '';
    }
  }

  private get single(): boolean {
    return this.poll?.kind !== 'multi';
  }

  /** The options as the voter sees them, the blank vote (when offered) last. */
  private choices(): PollOption[] {
    const poll = this.poll;
    if (!poll) return [];
    const regular = poll.options.filter((o) => o.id !== 'blank');
    const offersBlank = poll.blank === true || poll.options.some((o) => o.id === 'blank');
    return offersBlank ? [...regular, { id: 'blank', label: 'blank' }] : regular;
  }

  private limits(): { min: number; max: number } {
    const poll = this.poll;
    if (!poll || this.single) return { min: 1, max: 1 };
    const regular = poll.options.filter((o) => o.id !== 'blank').length;
    return { min: Math.max(1, poll.minChoices), max: Math.min(regular, Math.max(1, poll.maxChoices)) };
  }

  private toggle(option: PollOption, input: HTMLInputElement): void {
    const checked = input.checked;
    this.error = '';
    if (this.single || option.id === 'blank') {
      this.selected = checked ? [option.id] : [];
      return;
    }
    const rest = this.selected.filter((id) => id !== option.id && id !== 'blank');
    if (checked && rest.length >= this.limits().max) {
      // Lit would not reset a binding whose value did not change, so undo the tick on the element itself.
      input.checked = false;
      this.error = t('tooMany', { max: this.limits().max });
      return;
    }
    this.selected = checked ? [...rest, option.id] : rest;
  }

  private review(): void {
    const { min } = this.limits();
    if (this.selected.length === 0) {
      this.error = this.single ? t('chooseOne') : t('tooFew', { min });
      return;
    }
    if (!this.selected.includes('blank') && this.selected.length < min) {
      this.error = t('tooFew', { min });
      return;
    }
    this.error = '';
    this.step = 'confirm';
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#confirm-title')?.focus());
  }

  private choiceText(): string {
    const options = this.choices();
    return this.selected
      .map((id) => options.find((o) => o.id === id))
      .filter((o): o is PollOption => o !== undefined)
      .map(optionLabel)
      .join(', ');
  }

  private async cast(): Promise<void> {
    const poll = this.poll;
    if (!poll) return;
    this.step = 'sending';
    const result = await api<{ recorded: boolean }>('/api/voter/ballots', {
      method: 'POST',
      body: { pollId: poll.id, choices: this.selected },
    });
    if (result.ok || result.code === 'already_voted') {
      const detail = { pollId: poll.id, choiceText: result.ok ? this.choiceText() : '' };
      this.dispatchEvent(new CustomEvent('voted', { detail, bubbles: true }));
      return;
    }
    if (result.code === 'poll_not_open') {
      this.dispatchEvent(new CustomEvent('poll-closed', { detail: poll.id, bubbles: true }));
      return;
    }
    if (result.code === 'no_session') {
      this.dispatchEvent(new CustomEvent('session-ended', { bubbles: true }));
      return;
    }
    this.step = 'confirm';
    this.error =
      result.code === 'invalid_choice' ? t('invalidChoice') : result.code === 'network' ? t('error_network') : t('error_generic');
  }

  private instruction(): string {
    if (this.single) return t('chooseOne');
    const { min, max } = this.limits();
    if (min === max) return t('chooseExactly', { n: formatNumber(min) });
    return t('chooseBetween', { min: formatNumber(min), max: formatNumber(max) });
  }

  private renderChoices() {
    const type = this.single ? 'radio' : 'checkbox';
    const all = this.choices();
    const regular = all.filter((o) => o.id !== 'blank');
    const blank = all.find((o) => o.id === 'blank');
    const item = (option: PollOption) => html`<label class="option">
      <input type=${type} name="choice" value=${option.id} .checked=${this.selected.includes(option.id)}
        @change=${(e: Event) => this.toggle(option, e.target as HTMLInputElement)} />
      <span>${optionLabel(option)}</span>
    </label>`;
    return html`<fieldset>
      <legend>${this.instruction()}</legend>
      ${regular.map(item)}
      ${blank ? html`<p class="hint">${t('blankExplained')}</p>${item(blank)}` : nothing}
    </fieldset>`;
  }

  override render() {
    const poll = this.poll;
    if (!poll) return nothing;
    const error = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
    if (this.step !== 'choose') {
      return html`<section class="panel" aria-labelledby="confirm-title">
        <h1 id="confirm-title" tabindex="-1">${t('confirmTitle')}</h1>
        <p class="question">${poll.title}</p>
        <p>${t('confirmBody')}</p>
        <p class="your-choice"><strong>${this.choiceText()}</strong></p>
        ${error}
        <div class="actions">
          <button class="primary" type="button" ?disabled=${this.step === 'sending'} @click=${() => void this.cast()}>
            ${this.step === 'sending' ? t('casting') : t('castVote')}
          </button>
          <button type="button" ?disabled=${this.step === 'sending'} @click=${() => { this.step = 'choose'; this.error = ''; }}>
            ${t('change')}
          </button>
        </div>
      </section>`;
    }
    return html`<section class="panel" aria-labelledby="ballot-title">
      <h1 id="ballot-title" tabindex="-1">${poll.title}</h1>
      ${poll.description ? html`<p class="description">${poll.description}</p>` : nothing}
      <form novalidate @submit=${(e: Event) => { e.preventDefault(); this.review(); }}>
        ${this.renderChoices()}
        ${!this.single ? html`<p class="hint" aria-live="polite">${t('chosenCount', { n: formatNumber(this.selected.filter((id) => id !== 'blank').length), max: formatNumber(this.limits().max) })}</p>` : nothing}
        ${error}
        <button class="primary" type="submit">${t('review')}</button>
      </form>
    </section>`;
  }
}
customElements.define('voter-ballot', VoterBallot);
