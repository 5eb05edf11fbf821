// The posting log as CSV (the UI contract's columns), for the extension's dashboard and the hub's
// streamed export alike.
import { currentState, type StoredLogEntry } from './log-entry';

/** The contract's CSV columns, in order. */
export const CSV_FIELDS = ['id', 'postedAt', 'platform', 'itemId', 'itemVersion', 'mediaIds', 'text', 'edited', 'account', 'pageUrl', 'officerName', 'agency', 'status', 'prevHash', 'hash'] as const;

/** BOM first: spreadsheet programs then read the file as UTF-8. The header stays bare, as the contract writes it. */
export const CSV_HEAD = `\uFEFF${CSV_FIELDS.join(',')}\r\n`;

/**
 * Cells starting with = + - @ tab or CR (page-controlled text, account) are escaped so a spreadsheet
 * shows them as text instead of running them as formulas, multi-line ones too.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The same characters where a spreadsheet may start a new field inside a cell: after `;` (the list
 * separator of Excel in Indonesian, which then splits `x;=HYPERLINK(…)` into a formula cell) and
 * after a line break. Each gets an apostrophe in front, as at a cell's start.
 */
const FORMULA_AFTER_BREAK = /(?<=[;\r\n])(?=[=+\-@\t\r])/g;

/**
 * Which escaping rule the stored CSV lines were written with (the extension's blocks, the hub's
 * line parts): a line stored under another number is written again before it is exported.
 * 1: a cell's first character only; 2: also after `;` and line breaks.
 */
export const CSV_FORMAT_VERSION = 2;

/** A cell's text with the formula starts after its breaks escaped (its first character is `cell`'s). */
export const escapeInnerFormulas = (text: string): string => text.replace(FORMULA_AFTER_BREAK, "'");

/**
 * One cell: always quoted, quotes doubled, formulas escaped; numbers and booleans as they print.
 * Byte for byte what papaparse writes with `quotes: true, escapeFormulae: FORMULA_START` for values
 * passed through `escapeInnerFormulas` first (a unit test holds it to that), at a fraction of its cost:
 * the hub writes a million rows with it.
 */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  let safe = text;
  if (typeof value === 'string') {
    safe = escapeInnerFormulas(text);
    if (FORMULA_START.test(safe)) safe = `'${safe}`;
  }
  return `"${safe.includes('"') ? safe.replaceAll('"', '""') : safe}"`;
}

/** One CSV line of these values, ending in CRLF. */
export function csvLine(values: unknown[]): string {
  return `${values.map(cell).join(',')}\r\n`;
}

const STATUS_AT = CSV_FIELDS.indexOf('status');

function cells(e: StoredLogEntry): string[] {
  const status = currentState(e).status;
  return CSV_FIELDS.map((f) => cell(f === 'mediaIds' ? e.mediaIds.join(';') : f === 'status' ? status : e[f]));
}

/** Rows for these posts, each ending in CRLF, with the post's latest status. */
export function csvRows(entries: Iterable<StoredLogEntry>): string {
  let out = '';
  for (const e of entries) out += `${cells(e).join(',')}\r\n`;
  return out;
}

/**
 * A post's line without its status cell, which changes when the site's verdict arrives later: the
 * hub stores the two parts at ingestion and joins them around `statusCell` when it exports.
 * `before + statusCell(status) + after` is the post's line from `csvRows`.
 */
export function csvLineAroundStatus(e: StoredLogEntry): { before: string; after: string } {
  const all = cells(e);
  return { before: `${all.slice(0, STATUS_AT).join(',')},`, after: `,${all.slice(STATUS_AT + 1).join(',')}\r\n` };
}

/** The status cell as `csvRows` writes it (a post with no status yet was confirmed: see `currentState`). */
export const statusCell = (status: string | null | undefined): string => cell(status ?? 'confirmed');
