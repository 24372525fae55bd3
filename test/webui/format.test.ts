// Weights are exact integers up to 10^12 per card and their sums can pass 2^53, so the API may send them as
// decimal strings; the UI must format them without going through a float.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, share, t } from '../../webui/shared/i18n/translator.js';

describe('number formatting (English before any catalogue is installed)', () => {
  it('groups integers and decimal strings beyond 2^53 exactly', () => {
    assert.equal(formatNumber(1000), '1,000');
    assert.equal(formatNumber('1000'), '1,000');
    assert.equal(formatNumber('12345678901234567891'), '12,345,678,901,234,567,891');
    assert.equal(formatNumber(10n ** 15n + 1n), '1,000,000,000,000,001');
  });

  it('passes through what is not an integer string', () => {
    assert.equal(formatNumber('1/2'), '1/2');
  });

  it('computes bar shares from numbers or strings, clamped to 0..1', () => {
    assert.equal(share('500', '1000'), 0.5);
    assert.equal(share(3, 0), 0);
    assert.equal(share('2000', '1000'), 1);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    // No catalogue installed: the key itself comes back (and a missing message is reported).
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      assert.equal(t('x {a} {b}', { a: 1 }), 'x 1 {b}');
    } finally {
      console.error = original;
    }
    assert.equal(errors.length, 1);
  });
});
