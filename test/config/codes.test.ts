import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_ALPHABET, checkCharacter, formatCode, generateCode, hashCode, parseCode } from '../../firmware/config/codes.js';

describe('voter codes', () => {
  it('generates unique, well-formed codes that parse', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const c = generateCode();
      assert.match(c, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/);
      const p = parseCode(c);
      assert.ok(p.ok);
      seen.add(c);
    }
    assert.equal(seen.size, 5000);
  });

  it('forgives case, spaces, dashes and look-alikes', () => {
    const body = '0123456789AB';
    const code = formatCode(body + checkCharacter(body));
    const sloppy = code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' ');
    const p = parseCode(`  ${sloppy} `);
    assert.deepEqual(p, { ok: true, normalised: body + checkCharacter(body) });
    assert.deepEqual(parseCode(code.replace(/1/g, 'I')), p);
  });

  it('reports every single-character typo and every adjacent swap as a typo', () => {
    const c = generateCode().replace(/-/g, '');
    for (let i = 0; i < c.length; i++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === c[i]) continue;
        const typo = c.slice(0, i) + ch + c.slice(i + 1);
        assert.deepEqual(parseCode(typo), { ok: false, reason: 'check' }, `typo at ${i}`);
      }
      if (i + 1 < c.length && c[i] !== c[i + 1]) {
        const swapped = c.slice(0, i) + c[i + 1] + c[i] + c.slice(i + 2);
        assert.deepEqual(parseCode(swapped), { ok: false, reason: 'check' }, `swap at ${i}`);
      }
    }
  });

  it('rejects wrong lengths and foreign characters', () => {
    assert.deepEqual(parseCode('ABCD'), { ok: false, reason: 'length' });
    assert.deepEqual(parseCode('ABCD-EFGH-JKMN-U'), { ok: false, reason: 'character' });
    assert.deepEqual(parseCode('<script>alert(1)</script>'), { ok: false, reason: 'length' });
  });

  it('hashes with the pepper (HMAC-SHA256)', () => {
    const a = hashCode(Buffer.alloc(32, 1), 'X');
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, hashCode(Buffer.alloc(32, 2), 'X'));
  });
});
