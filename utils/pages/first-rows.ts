/** Rows on the dashboard's first screen, read before the whole list's keys (also read by bench/dashboard-bench.ts). */
export const FIRST_ROWS = 40;
