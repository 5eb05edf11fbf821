// The posting log as CSV (the UI contract's columns), for the extension's dashboard and the hub's
// streamed export alike.
import Papa from 'papaparse';
import { currentState, type StoredLogEntry } from './log-entry';

/** The contract's CSV columns, in order. */
export const CSV_FIELDS = ['id', 'postedAt', 'platform', 'itemId', 'itemVersion', 'mediaIds', 'text', 'edited', 'account', 'pageUrl', 'officerName', 'agency', 'status', 'prevHash', 'hash'] as const;

/** BOM first: spreadsheet programs then read the file as UTF-8. The header stays bare, as the contract writes it. */
export const CSV_HEAD = `\uFEFF${CSV_FIELDS.join(',')}\r\n`;

/**
 * Cells starting with = + - @ tab or CR (page-controlled text, account) are escaped so a spreadsheet
 * shows them as text instead of running them as formulas, multi-line ones too (papaparse's own
 * `escapeFormulae: true` pattern skips values with a line break). The hub's SQL `csv_cell` does the same.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Rows for these posts, each ending in CRLF, with the post's latest status. Every value is quoted
 * (papaparse is faster when it need not decide per field).
 */
export function csvRows(entries: Iterable<StoredLogEntry>): string {
  const rows: unknown[][] = [];
  for (const e of entries) {
    const status = currentState(e).status;
    rows.push(CSV_FIELDS.map((f) => (f === 'mediaIds' ? e.mediaIds.join(';') : f === 'status' ? status : e[f])));
  }
  return rows.length ? `${Papa.unparse(rows, { newline: '\r\n', quotes: true, escapeFormulae: FORMULA_START })}\r\n` : '';
}
