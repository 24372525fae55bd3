// Log secrecy for the robustness suite: every test collects the secrets it handled (codes, tokens,
// passphrases, choice labels) and checks its servers' complete log output for them at the end.
import assert from 'node:assert/strict';

export class SecretLedger {
  private readonly secrets = new Set<string>();

  add(...values: (string | undefined)[]): void {
    for (const v of values) {
      if (!v || v.length < 6) continue;
      this.secrets.add(v);
      // Codes are accepted with or without dashes; cookies are checked by value as well.
      if (/^[A-Z0-9]{4}(-[A-Z0-9]{4}){2}-[A-Z0-9]$/.test(v)) this.secrets.add(v.replace(/-/g, ''));
      const eq = v.indexOf('=');
      if (eq > 0 && v.startsWith('conclave_')) this.secrets.add(v.slice(eq + 1));
    }
  }

  get size(): number {
    return this.secrets.size;
  }

  /** `choiceWords` are option ids or labels that must never be logged. */
  assertClean(log: string, choiceWords: string[] = []): void {
    assert.ok(log.length > 0, 'the server wrote a log');
    for (const s of this.secrets) assert.ok(!log.includes(s), `log contains a secret (${s.slice(0, 4)}…)`);
    assert.doesNotMatch(log, /"choices"|choices=/, 'log names choices');
    for (const w of choiceWords) assert.ok(!log.includes(`"${w}"`), `log contains the choice ${w}`);
    for (const line of log.split('\n')) assert.doesNotMatch(line, /vote cast|ballot recorded/i, 'a per-vote log line');
  }
}
