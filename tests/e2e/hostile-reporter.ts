// Summary for `npm run test:hostile`: cases tried and passed, and the entries lost or doubled that
// tests report through `lost` / `doubled` annotations. Either above 0 fails the run, whatever the
// tests themselves asserted.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class HostileSummary implements Reporter {
  private tried = 0;
  private passed = 0;
  private lost = 0;
  private doubled = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!test.tags.includes('@hostile')) return;
    this.tried++;
    if (result.status === 'passed') this.passed++;
    // Newer Playwright keeps runtime annotations on the result (and may mirror them on the test): count one list.
    for (const a of result.annotations?.length ? result.annotations : test.annotations) {
      if (a.type === 'lost') this.lost += Number(a.description ?? 0);
      if (a.type === 'doubled') this.doubled += Number(a.description ?? 0);
    }
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] }> {
    const rows = [['cases tried', this.tried], ['passed', this.passed], ['entries lost (must be 0)', this.lost], ['entries doubled (must be 0)', this.doubled]];
    console.log(`\nHostile conditions\n${rows.map(([k, v]) => `  ${String(k).padEnd(28)} ${v}`).join('\n')}`);
    if (this.lost > 0 || this.doubled > 0) {
      console.log('  FAILED: entries were lost or doubled');
      return { status: 'failed' };
    }
    return { status: result.status };
  }
}
