// A whole test meeting with its log captured: no code, token, passphrase or choice may appear in it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startServer } from '../helpers/server.js';

describe('log secrecy', () => {
  it('a whole meeting logs no code, token, passphrase or choice', async () => {
    const tb = await makeBundle({ weights: [5, 1, 1, 2] });
    const s = await startServer(tb);
    const secrets: string[] = [tb.passphrase];
    try {
      const chair = await loginChair(s.url, tb.passphrase);
      secrets.push(chair.getCookie('conclave_chair')!);
      const poll = (await chair.chairPost('/api/chair/polls', { title: 'Secret topic', kind: 'choice', options: ['Zanzibar-Option', 'Quetzal-Option'] })).body;
      await chair.chairPost(`/api/chair/polls/${poll.id}/open`);
      const phones: Device[] = [];
      for (const c of tb.cards) {
        secrets.push(c.code, c.code.replace(/-/g, ''));
        const p = await loginVoter(s.url, c.code);
        secrets.push(p.getCookie('conclave_voter')!);
        phones.push(p);
      }
      // Hostile and clumsy attempts log nothing secret either.
      await new Device(s.url).post('/api/voter/session', { code: tb.cards[0]!.code });
      await new Device(s.url).post('/api/voter/session', { code: 'WRNG-CODE-WRNG-X' });
      await new Device(s.url).request('POST', '/api/chair/session', { passphrase: 'guess-this-one' }, { 'x-conclave-chair': '1' });
      secrets.push('guess-this-one', 'WRNG-CODE-WRNG-X');
      for (const [i, p] of phones.entries()) await p.post('/api/voter/ballots', { pollId: poll.id, choices: [i % 2 ? 'o1' : 'o2'] });
      await chair.chairPost(`/api/chair/polls/${poll.id}/close`);
      await chair.get(`/api/chair/polls/${poll.id}/results`);
      await chair.chairPost(`/api/chair/polls/${poll.id}/publish`);
      await chair.chairPost('/api/chair/cards/C-0001/release');
    } finally {
      await s.close();
    }
    const log = s.logs.join('');
    assert.ok(s.logs.some((l) => /"problem":"(code_typo|unknown_code)"/.test(l)), 'refused logins are logged (without the code)');
    assert.ok(s.logs.some((l) => l.includes('"problem":"bad_passphrase"')));
    for (const secret of secrets) assert.ok(!log.includes(secret), `log contains a secret (${secret.slice(0, 4)}…)`);
    assert.ok(!/Zanzibar|Quetzal|"o1"|"o2"|choices/.test(log), 'log contains a choice');
    for (const line of s.logs) assert.doesNotMatch(line, /ballot|vote cast/i, 'no per-vote log line');
  });
});
