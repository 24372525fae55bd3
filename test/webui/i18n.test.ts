// Both catalogues carry every message: the same keys in each section, the same {placeholders}, no empty
// text, and every key the web UI's source asks for (literal or from a fixed set of ids) exists in the
// sections its app bundles.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as en from '../../webui/shared/i18n/en.js';
import * as nl from '../../webui/shared/i18n/nl.js';

type Section = Record<string, string>;
const SECTIONS = ['common', 'voter', 'screen', 'chair'] as const;
const EN = en as unknown as Record<string, Section>;
const NL = nl as unknown as Record<string, Section>;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** What each app's catalogue.ts merges; shared elements may use common and screen (results bars, turnout). */
const APP_SECTIONS: Record<string, readonly string[]> = {
  voter: ['common', 'voter'],
  screen: ['common', 'screen'],
  chair: ['common', 'screen', 'chair'],
  shared: ['common', 'screen'],
};

/** Keys built at run time from ids the API defines; every id must have a message. */
const DYNAMIC: Record<string, readonly string[]> = {
  option_: ['for', 'against', 'abstain', 'blank'],
  outcome_: ['adopted', 'rejected', 'no_quorum', 'none'],
  kind_: ['motion', 'choice', 'multi'],
  status_: ['draft', 'open', 'closed', 'published'],
  action_: ['open', 'close', 'publish'],
  led_: ['heartbeat', 'on', 'slow_blink', 'fast_blink', 'very_fast_blink', 'off', 'sos'],
  mode_: ['onboard', 'usb-radio', 'external-ap', 'venue'],
  row_: ['cast', 'present', 'entitled'],
  rule_: ['simple', 'absolute', 'qualified', 'entitled'],
  measure_: ['weight', 'heads'],
  quorumOf_: ['present', 'cast'],
  warning_: ['single_voter', 'dominant_weight', 'unanimous', 'single_voter_option'],
};
/** error_ keys differ per app: the problem codes each one explains. */
const ERRORS: Record<string, readonly string[]> = {
  voter: ['code_typo', 'unknown_code', 'code_in_use', 'rate_limited', 'no_event', 'network', 'empty', 'generic'],
  chair: ['bad_passphrase', 'no_event', 'network', 'generic'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? (d.name === 'i18n' ? [] : sourceFiles(join(dir, d.name))) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('message catalogues', () => {
  for (const section of SECTIONS) {
    it(`has the same ${section} keys, placeholders and no empty text in nl and en`, () => {
      const a = EN[section];
      const b = NL[section];
      assert.ok(a && b, `section ${section} exported by both`);
      assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
      for (const key of Object.keys(a)) {
        assert.ok(a[key]!.trim() && b[key]!.trim(), `${section}.${key} is empty`);
        assert.deepEqual(placeholders(b[key]!), placeholders(a[key]!), `${section}.${key} placeholders`);
      }
    });
  }

  it('has no key in two sections that one app merges (the later would silently win)', () => {
    for (const [app, sections] of Object.entries(APP_SECTIONS)) {
      const seen = new Map<string, string>();
      for (const s of sections) {
        for (const key of Object.keys(EN[s]!)) {
          assert.ok(!seen.has(key), `${app}: ${key} in both ${seen.get(key)} and ${s}`);
          seen.set(key, s);
        }
      }
    }
  });

  it('has every key the source asks for, in both languages', () => {
    const missing: string[] = [];
    for (const file of sourceFiles('webui')) {
      const app = file.split('/')[1]!;
      const sections = APP_SECTIONS[app];
      assert.ok(sections, `unexpected folder ${file}`);
      const has = (key: string) => sections.some((s) => key in EN[s]! && key in NL[s]!);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\bt\(\s*'([^']+)'/g)) if (!has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      for (const m of source.matchAll(/\bt\(\s*`([A-Za-z]+_)\$\{/g)) {
        const prefix = m[1]!;
        const ids = prefix === 'error_' ? ERRORS[app] : DYNAMIC[prefix];
        assert.ok(ids, `${file}: dynamic key prefix ${prefix} is not listed in this test`);
        for (const id of ids) {
          const key = `${prefix}${id}`;
          // warning_ texts are optional: the chair falls back to the server's message (hasMessage check).
          if (!has(key) && !(prefix === 'error_' && id === 'generic' && has('error_generic'))) missing.push(`${file}: ${key}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});
