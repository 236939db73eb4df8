// CSV for Excel users: UTF-8 with a byte-order mark (so Excel reads Chinese text),
// CRLF rows, RFC 4180 quoting, and text cells that could start a formula defused.

const BOM = '\uFEFF';

/**
 * A cell a spreadsheet may read as a formula: one starting with = + - @ (or their
 * full-width forms ＝ ＋ － ＠, which some spreadsheets take for them), also after
 * leading spaces (ASCII or ideographic), or starting with a tab or carriage return.
 */
const FORMULA_START = /^[\t\r]|^[ \u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

export type Cell = string | number | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // CSV injection (OWASP): a text cell starting like a formula is shown as text.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Integer fen as yuan with two decimals, e.g. 3703703 → "37037.03". */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
