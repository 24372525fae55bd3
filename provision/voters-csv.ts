// Reads the organisation's voter list (`label,weight[,group]`) as spreadsheets export it: UTF-8 with or
// without BOM, comma or semicolon separated (Dutch spreadsheets use semicolons), LF or CRLF, RFC 4180
// quoting. Every bad row is reported with its line number so the technician can fix the whole file in
// one pass; a list with any bad row yields no voters at all.
import type { Result } from '../firmware/result.js';
import { err, ok } from '../firmware/result.js';
import { MAX_WEIGHT, cardSchema } from '../firmware/config/bundle.js';
import type { CsvRow } from './csv.js';
import { detectDelimiter, splitCsv } from './csv.js';

export interface VoterRow {
  line: number;
  label: string;
  weight: number;
  group?: string;
}

const MAX_LABEL = 40;
const MAX_GROUP = 60;
const MAX_ROWS = 100_000;
const COLUMNS = ['label', 'weight', 'group'] as const;
const labelShape = cardSchema.shape.label;

function decodeUtf8(bytes: Uint8Array): Result<string, string> {
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // Name the line of the first undecodable byte so the technician knows where the odd character is.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))).split('\n').length;
    return err(`line ${line}: the file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8" and try again`);
  }
}

function parseWeight(raw: string): Result<number, string> {
  const w = raw.trim();
  const range = `weights are whole numbers from 1 to ${MAX_WEIGHT}`;
  if (w === '') return err(`weight is empty; fill in a whole number from 1 to ${MAX_WEIGHT}`);
  if (/^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$/.test(w)) {
    return err(`weight ${w} is in scientific notation; format the column as a whole number in the spreadsheet and export again`);
  }
  if (/^-\d+([.,]\d+)*$/.test(w)) return err(`weight ${w} is negative; ${range}`);
  if (/^\+?\d{1,3}([.,]\d{3}){2,}$/.test(w)) return err(`weight ${w} contains thousands separators; write it as digits only`);
  if (/^\+?\d+[.,]\d+$/.test(w)) return err(`weight ${w} is not a whole number; ${range} (no decimals or separators)`);
  if (!/^\+?\d+$/.test(w)) return err(`weight "${w}" is not a number; ${range}`);
  const value = BigInt(w.replace(/^\+/, ''));
  if (value === 0n) return err(`weight ${w} is zero; ${range} (leave the voter out instead)`);
  if (value > BigInt(MAX_WEIGHT)) return err(`weight ${w} is larger than the maximum ${MAX_WEIGHT}`);
  return ok(Number(value));
}

function parseLabel(raw: string): Result<string, string> {
  const label = raw.trim().normalize('NFC');
  if (label === '') return err('label is empty; every voter needs a unique label (e.g. A-001)');
  if (label.length > MAX_LABEL) return err(`label "${label.slice(0, MAX_LABEL)}…" is longer than ${MAX_LABEL} characters`);
  if (!labelShape.safeParse(label).success) {
    return err(`label "${label}" may hold only letters, digits, spaces and . _ - / and must start with a letter or digit`);
  }
  return ok(label);
}

type Columns = { label: number; weight: number; group: number | undefined; count: number };

function parseHeader(row: CsvRow | undefined): Result<Columns, string[]> {
  const expected = 'the first line must be the header label,weight or label,weight,group';
  if (row === undefined || row.blank) return err([`line 1: ${expected} (the line is empty)`]);
  const names = row.fields.map((f) => f.trim().toLowerCase());
  const problems: string[] = [];
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!(COLUMNS as readonly string[]).includes(name)) {
      // Spreadsheets pad the header with empty trailing columns.
      if (name === '' && names.slice(i).every((n) => n === '') && i > 0) return;
      problems.push(`column "${row.fields[i] ?? ''}" is not known; the columns are label, weight and optionally group`);
    } else if (index.has(name)) problems.push(`column "${name}" appears twice; delete one`);
    else index.set(name, i);
  });
  const label = index.get('label');
  const weight = index.get('weight');
  if (label === undefined && weight === undefined) {
    return err([`line 1: ${expected} (found "${row.fields.join(',').slice(0, 60)}")`]);
  }
  if (label === undefined) problems.push('the header has no label column; it must be label,weight or label,weight,group');
  if (weight === undefined) problems.push('the header has no weight column; it must be label,weight or label,weight,group');
  if (problems.length > 0 || label === undefined || weight === undefined) return err(problems.map((p) => `line 1: ${p}`));
  return ok({ label, weight, group: index.get('group'), count: names.length - [...names].reverse().findIndex((n) => n !== '') });
}

export function parseVotersCsv(bytes: Uint8Array): Result<VoterRow[], string[]> {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return err([decoded.error]);
  const text = decoded.value.replace(/^\uFEFF/, '');
  if (text.trim() === '') return err(['the file is empty; it needs the header label,weight[,group] and one line per voter']);
  const delimiter = detectDelimiter(text);
  const problems: string[] = [];
  const { rows, unclosedAt } = splitCsv(text, delimiter, problems);
  const header = parseHeader(rows[0]);
  if (!header.ok) return err([...header.error, ...problems]);
  const cols = header.value;
  const voters: VoterRow[] = [];
  const seen = new Map<string, number>();
  const colNames = cols.group === undefined ? 'label, weight' : 'label, weight, group';
  for (const row of rows.slice(1)) {
    const at = `line ${row.line}`;
    // The rest of the file was swallowed by the open quote; its contents are not meaningful rows.
    if (row.line === unclosedAt) continue;
    if (row.blank || row.fields.every((f) => f.trim() === '')) {
      problems.push(`${at}: empty line; delete it (every line after the header is one voter)`);
      continue;
    }
    // Spreadsheets pad rows with trailing separators; empty extra fields are harmless.
    const fields = row.fields.slice();
    while (fields.length > cols.count && (fields[fields.length - 1] as string).trim() === '') fields.pop();
    if (fields.length !== cols.count && !(cols.group === cols.count - 1 && fields.length === cols.count - 1)) {
      problems.push(
        `${at}: ${fields.length} fields where the header has ${cols.count} (${colNames}); ` +
          `a label or group containing "${delimiter}" must be in double quotes`,
      );
      continue;
    }
    const rowProblems: string[] = [];
    const label = parseLabel(fields[cols.label] ?? '');
    if (!label.ok) rowProblems.push(label.error);
    const weight = parseWeight(fields[cols.weight] ?? '');
    if (!weight.ok) rowProblems.push(weight.error);
    const group = cols.group === undefined ? '' : (fields[cols.group] ?? '').trim();
    if (group.length > MAX_GROUP) rowProblems.push(`group is longer than ${MAX_GROUP} characters; shorten it`);
    if ([...group].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) rowProblems.push('group contains a line break or control character; remove it');
    if (label.ok) {
      const first = seen.get(label.value);
      if (first !== undefined) rowProblems.push(`label "${label.value}" is already used on line ${first}`);
      else seen.set(label.value, row.line);
    }
    if (rowProblems.length > 0 || !label.ok || !weight.ok) {
      problems.push(`${at}: ${rowProblems.join('; ')}`);
      continue;
    }
    voters.push({ line: row.line, label: label.value, weight: weight.value, ...(group === '' ? {} : { group }) });
  }
  if (problems.length === 0 && voters.length === 0) problems.push('no voters: the file has a header but no voter lines');
  if (voters.length > MAX_ROWS) problems.push(`${voters.length} voters is more than the ${MAX_ROWS} one event can hold`);
  problems.sort((a, b) => lineOf(a) - lineOf(b));
  return problems.length > 0 ? err(problems) : ok(voters);
}

function lineOf(message: string): number {
  const m = /^line (\d+)/.exec(message);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}
