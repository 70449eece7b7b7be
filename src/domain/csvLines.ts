// Reading CSV files one physical line at a time. The files the bot imports (the roster, the
// children list, SSDA903 returns) never have a line break inside a field, so a line is a row. Read
// this way, a stray quote spoils only its own line, which is reported with its line number, and
// every other row is still read; csv-parse over the whole file would instead read on from the
// stray quote to the next one, swallowing the rows between or failing the whole file.
import { parse } from 'csv-parse/sync';

/**
 * A line that a plain split on commas reads exactly as csv-parse would: no quote character (the
 * only thing that changes how a line splits, since each line is parsed on its own), and no UTF-16
 * surrogate (csv-parse reads the line as UTF-8 bytes, which would turn a lone surrogate into U+FFFD).
 */
const NEEDS_CSV_PARSER = /["\uD800-\uDFFF]/;

/**
 * The trimmed fields of one CSV line, or why the line is not valid CSV. Lines without quotes (nearly
 * every line of a return) are split directly, about a hundred times faster than a csv-parse call per
 * line; any other line goes through csv-parse.
 */
export function splitCsvLine(lineText: string): string[] | string {
  if (lineText === '') return []; // csv-parse finds no record in an empty line
  if (!NEEDS_CSV_PARSER.test(lineText)) {
    const fields = lineText.split(',');
    for (let i = 0; i < fields.length; i++) fields[i] = fields[i].trim();
    return fields;
  }
  try {
    const records = parse(lineText, { relax_column_count: true }) as string[][];
    return (records[0] ?? []).map((field) => field.trim());
  } catch (error) {
    return `could not be read as CSV (${(error as Error).message})`;
  }
}

export interface CsvTable {
  /** Each data row by column name (a column the row is too short for is absent), with its 1-based line number. */
  rows: Array<{ line: number; row: Record<string, string> }>;
  /** Lines that could not be read, and why; when the header cannot be read, no row is. */
  problems: Array<{ line: number; reason: string }>;
}

/**
 * A CSV file with a header row: the first non-blank line names the columns (trimmed; a UTF-8 byte
 * order mark is tolerated). Blank lines and rows of empty cells are skipped.
 */
export function readCsvTable(text: string): CsvTable {
  const table: CsvTable = { rows: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let columns: string[] | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    if (lines[index].trim() === '') continue;
    const fields = splitCsvLine(lines[index]);
    if (typeof fields === 'string') {
      if (columns === null) {
        table.problems.push({ line, reason: `the header row ${fields}; no rows were read` });
        return table;
      }
      table.problems.push({ line, reason: fields });
      continue;
    }
    if (columns === null) {
      columns = fields;
      continue;
    }
    if (fields.every((f) => f === '')) continue;
    const row: Record<string, string> = {};
    columns.forEach((name, i) => {
      if (name !== '' && i < fields.length) row[name] = fields[i];
    });
    table.rows.push({ line, row });
  }
  if (columns === null) table.problems.push({ line: 1, reason: 'the file is empty: no header row' });
  return table;
}
