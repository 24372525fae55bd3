import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseVotersCsv } from '../../provision/voters-csv.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const BOM = '\uFEFF';

// Broken inputs → the exact messages, in line order.
const broken: Array<{ name: string; csv: string | Uint8Array; messages: string[] }> = [
  {
    name: 'missing header',
    csv: 'B-01,1\nB-02,2\n',
    messages: ['line 1: the first line must be the header label,weight or label,weight,group (found "B-01,1")'],
  },
  {
    name: 'header without weight column',
    csv: 'label,group\nB-01,x\n',
    messages: ['line 1: the header has no weight column; it must be label,weight or label,weight,group'],
  },
  {
    name: 'unknown column',
    csv: 'label,weight,shares\nB-01,1,3\n',
    messages: ['line 1: column "shares" is not known; the columns are label, weight and optionally group'],
  },
  {
    name: 'duplicate labels',
    csv: 'label,weight\nB-01,1\nB-02,1\nB-01,3\nB-02,1\n',
    messages: ['line 4: label "B-01" is already used on line 2', 'line 5: label "B-02" is already used on line 3'],
  },
  {
    name: 'zero, negative, fractional and huge weights',
    csv: 'label,weight\nA,0\nB,-5\nC,2.5\nD,1000000000001\nE,99999999999999999999999\nF,1000000000000\n',
    messages: [
      'line 2: weight 0 is zero; weights are whole numbers from 1 to 1000000000000 (leave the voter out instead)',
      'line 3: weight -5 is negative; weights are whole numbers from 1 to 1000000000000',
      'line 4: weight 2.5 is not a whole number; weights are whole numbers from 1 to 1000000000000 (no decimals or separators)',
      'line 5: weight 1000000000001 is larger than the maximum 1000000000000',
      'line 6: weight 99999999999999999999999 is larger than the maximum 1000000000000',
    ],
  },
  {
    name: 'Dutch decimal comma, thousands separators, scientific notation, text, empty weight',
    csv: 'label;weight\nA;1,5\nB;1.000.000\nC;1,2E+09\nD;veel\nE;\n',
    messages: [
      'line 2: weight 1,5 is not a whole number; weights are whole numbers from 1 to 1000000000000 (no decimals or separators)',
      'line 3: weight 1.000.000 contains thousands separators; write it as digits only',
      'line 4: weight 1,2E+09 is in scientific notation; format the column as a whole number in the spreadsheet and export again',
      'line 5: weight "veel" is not a number; weights are whole numbers from 1 to 1000000000000',
      'line 6: weight is empty; fill in a whole number from 1 to 1000000000000',
    ],
  },
  {
    name: 'empty lines in the middle and at the end',
    csv: 'label,weight\nA,1\n\nB,2\n,\n\n',
    messages: [
      'line 3: empty line; delete it (every line after the header is one voter)',
      'line 5: empty line; delete it (every line after the header is one voter)',
      'line 6: empty line; delete it (every line after the header is one voter)',
    ],
  },
  {
    name: 'unquoted field with the separator',
    csv: 'label,weight,group\nA,1,Smith, Jones & Co\n',
    messages: ['line 2: 4 fields where the header has 3 (label, weight, group); a label or group containing "," must be in double quotes'],
  },
  {
    name: 'unclosed quote',
    csv: 'label,weight,group\nA,1,"Smith, Jones\nB,2,x\n',
    messages: ['line 2: a quoted field is never closed; add the closing double quote'],
  },
  {
    name: 'bad labels',
    csv: `label,weight\n,1\n-A,1\nA<script>,1\n${'X'.repeat(41)},1\n`,
    messages: [
      'line 2: label is empty; every voter needs a unique label (e.g. A-001)',
      'line 3: label "-A" may hold only letters, digits, spaces and . _ - / and must start with a letter or digit',
      'line 4: label "A<script>" may hold only letters, digits, spaces and . _ - / and must start with a letter or digit',
      `line 5: label "${'X'.repeat(40)}…" is longer than 40 characters`,
    ],
  },
  {
    name: 'several problems on one line are reported together',
    csv: 'label,weight\nA,1\nA,0\n',
    messages: ['line 3: weight 0 is zero; weights are whole numbers from 1 to 1000000000000 (leave the voter out instead); label "A" is already used on line 2'],
  },
  {
    name: 'quoted labels with a comma or a line break (quoting works, the card label rule refuses them)',
    csv: 'label,weight,group\n"Smith, J.",3,x\n"Multi\nline",2,x\nC,1\n',
    messages: [
      'line 2: label "Smith, J." may hold only letters, digits, spaces and . _ - / and must start with a letter or digit',
      'line 3: label "Multi\nline" may hold only letters, digits, spaces and . _ - / and must start with a letter or digit',
    ],
  },
  {
    name: 'header only',
    csv: `${BOM}label;weight;group\r\n`,
    messages: ['no voters: the file has a header but no voter lines'],
  },
  {
    name: 'empty file',
    csv: '',
    messages: ['the file is empty; it needs the header label,weight[,group] and one line per voter'],
  },
  {
    name: 'not UTF-8 (Windows-1252 export)',
    csv: new Uint8Array([...utf8('label;weight\nA;1\nJos'), 0xe9, ...utf8(';2\n')]),
    messages: ['line 3: the file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8" and try again'],
  },
];

for (const c of broken) {
  test(`voters.csv refused: ${c.name}`, () => {
    const r = parseVotersCsv(typeof c.csv === 'string' ? utf8(c.csv) : c.csv);
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.error, c.messages);
  });
}

const good: Array<{ name: string; csv: string; rows: Array<{ line: number; label: string; weight: number; group?: string }> }> = [
  {
    name: 'comma, LF, no group column',
    csv: 'label,weight\nB-01,1\nB-02,7\n',
    rows: [
      { line: 2, label: 'B-01', weight: 1 },
      { line: 3, label: 'B-02', weight: 7 },
    ],
  },
  {
    name: 'BOM, semicolons, CRLF, group, capitalised header',
    csv: `${BOM}Label;Weight;Group\r\nAH-0001;1195425564;institutioneel\r\nAH-0002;12;\r\n`,
    rows: [
      { line: 2, label: 'AH-0001', weight: 1195425564, group: 'institutioneel' },
      { line: 3, label: 'AH-0002', weight: 12 },
    ],
  },
  {
    name: 'spreadsheet padding, spaces, weight at the maximum, columns in another order',
    csv: 'weight;label;group;;\n 1000000000000 ; A-1 ;g;;\n+5;B;;;\n',
    rows: [
      { line: 2, label: 'A-1', weight: 1_000_000_000_000, group: 'g' },
      { line: 3, label: 'B', weight: 5 },
    ],
  },
];

for (const c of good) {
  test(`voters.csv accepted: ${c.name}`, () => {
    const r = parseVotersCsv(utf8(c.csv));
    assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
    if (r.ok) assert.deepEqual(r.value, c.rows);
  });
}

test('quoted group with commas is kept whole', () => {
  const r = parseVotersCsv(utf8('label,weight,group\nA,3,"Smith, Jones ""& Co"""\n"B 2",1,"x"\n'));
  assert.equal(r.ok, true);
  if (r.ok) {
    assert.deepEqual(r.value, [
      { line: 2, label: 'A', weight: 3, group: 'Smith, Jones "& Co"' },
      { line: 3, label: 'B 2', weight: 1, group: 'x' },
    ]);
  }
});

test('the shared examples are accepted', () => {
  const board = parseVotersCsv(readFileSync('test/fixtures/voters-board.csv'));
  assert.equal(board.ok, true);
  if (board.ok) assert.equal(board.value.length, 7);
  const agm = parseVotersCsv(readFileSync('test/fixtures/voters-agm-nl.csv'));
  assert.equal(agm.ok, true, agm.ok ? '' : agm.error.slice(0, 5).join('\n'));
  if (agm.ok) {
    assert.equal(agm.value.length, 1200);
    assert.ok(agm.value.every((v) => Number.isSafeInteger(v.weight) && v.weight >= 1));
    assert.ok(agm.value.some((v) => v.weight > 1_000_000_000));
    assert.deepEqual(agm.value[0], { line: 2, label: 'AH-0001', weight: 1195425564, group: 'institutioneel' });
  }
});
