// Summary for `npm run test:hostile`: cases tried and passed, and the entries lost or doubled that
// tests report through `lost` / `doubled` annotations, per test and in total. Tests count from the
// server's or hub's own record before they assert (in a `finally`, or ahead of any assertion that
// could fail first), so a loss is counted even when the test then fails. Either above 0 fails the
// run, whatever the tests themselves asserted.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

interface Counted { title: string; status: string; lost: number; doubled: number; counts: number }

export default class HostileSummary implements Reporter {
  private tried = 0;
  private passed = 0;
  private readonly counted: Counted[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!test.tags.includes('@hostile')) return;
    this.tried++;
    if (result.status === 'passed') this.passed++;
    const row: Counted = { title: `${test.location.file.split('/').pop()} › ${test.title}`, status: result.status, lost: 0, doubled: 0, counts: 0 };
    // Newer Playwright keeps runtime annotations on the result (and may mirror them on the test): count one list.
    for (const a of result.annotations?.length ? result.annotations : test.annotations) {
      if (a.type !== 'lost' && a.type !== 'doubled') continue;
      row[a.type] += Number(a.description ?? 0);
      row.counts++;
    }
    if (row.counts) this.counted.push(row);
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] }> {
    const lost = this.counted.reduce((sum, r) => sum + r.lost, 0);
    const doubled = this.counted.reduce((sum, r) => sum + r.doubled, 0);
    const rows = [['cases tried', this.tried], ['passed', this.passed], ['entries lost (must be 0)', lost], ['entries doubled (must be 0)', doubled]];
    const lines = [`\nHostile conditions`, ...rows.map(([k, v]) => `  ${String(k).padEnd(28)} ${v}`)];
    if (this.counted.length) lines.push('  counted per test (lost / doubled, from the server\'s, hub\'s or log\'s record):');
    for (const r of this.counted) lines.push(`    ${String(r.lost).padStart(5)} / ${String(r.doubled).padEnd(5)} ${r.title} (${r.status}, ${r.counts} counts)`);
    console.log(lines.join('\n'));
    if (lost > 0 || doubled > 0) {
      console.log('  FAILED: entries were lost or doubled');
      return { status: 'failed' };
    }
    return { status: result.status };
  }
}
