// RFC 4180 splitting as spreadsheets export it (quoted fields may hold the separator, doubled quotes and
// line breaks), keeping the physical line each row starts on so problems can be reported by line.

export interface CsvRow {
  line: number;
  fields: string[];
  /** The row has no characters at all (not even separators). */
  blank: boolean;
}

export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const semis = outsideQuotes.split(';').length - 1;
  const commas = outsideQuotes.split(',').length - 1;
  return semis > commas ? ';' : ',';
}

/** RFC 4180 rows with the physical line each row starts on; a quoted field may span lines. */
export function splitCsv(text: string, delimiter: string, problems: string[]): { rows: CsvRow[]; unclosedAt: number | null } {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let rowChars = 0;
  let inQuotes = false;
  let quotedField = false;
  const endRow = () => {
    fields.push(field);
    rows.push({ line: rowLine, fields, blank: rowChars === 0 });
    fields = [];
    field = '';
    rowChars = 0;
    quotedField = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') continue;
    if (ch === '\n' || ch === '\r') {
      endRow();
      line++;
      rowLine = line;
      continue;
    }
    rowChars++;
    if (ch === '"' && field.trim() === '' && !quotedField) {
      inQuotes = true;
      quotedField = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      quotedField = false;
    } else if (ch === '"' && quotedField) {
      problems.push(`line ${line}: a quote inside a quoted field must be doubled ("")`);
    } else {
      field += ch;
    }
  }
  if (inQuotes) problems.push(`line ${rowLine}: a quoted field is never closed; add the closing double quote`);
  // A final newline ends the last row; it does not start an empty one.
  if (rowChars > 0 || fields.length > 0 || field !== '') endRow();
  return { rows, unclosedAt: inQuotes ? rowLine : null };
}
