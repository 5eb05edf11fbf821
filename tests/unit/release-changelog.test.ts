// The changelog step of `npm run release`: the Unreleased notes become the version's entry; no notes, no release.
import { describe, expect, it } from 'vitest';
import { changelogEntry, compareVersions, planChangelog } from '../../release/changelog';

const HEAD = '# Changelog\n\nIntro.\n\n';
const OLD = '## [0.1.0] - 2026-12-01\n\n- First.\n';

describe('planChangelog', () => {
  it('moves the Unreleased notes under the new version, keeping an empty Unreleased heading on top', () => {
    const plan = planChangelog(`${HEAD}## [Unreleased]\n\n### Fixed\n- Sidebar on X.\n\n${OLD}`, '0.2.0', '2026-12-07');
    expect(plan).toEqual({
      ok: true,
      changed: true,
      changelog: `${HEAD}## [Unreleased]\n\n## [0.2.0] - 2026-12-07\n\n### Fixed\n- Sidebar on X.\n\n${OLD}`,
    });
    if (plan.ok) expect(changelogEntry(plan.changelog, '0.2.0')).toBe('### Fixed\n- Sidebar on X.');
  });

  it('leaves a changelog that already has notes for the version as it is', () => {
    const changelog = `${HEAD}## [Unreleased]\n\n- Later.\n\n${OLD}`;
    expect(planChangelog(changelog, '0.1.0', '2026-12-07')).toEqual({ ok: true, changed: false, changelog });
  });

  it('refuses, in Indonesian and English, a version with no notes written for it', () => {
    for (const changelog of [`${HEAD}## [Unreleased]\n\n${OLD}`, OLD, '', `${HEAD}## [0.2.0] - 2026-12-07\n\n${OLD}`]) {
      const plan = planChangelog(changelog, '0.2.0', '2026-12-07');
      expect(plan.ok).toBe(false);
      if (!plan.ok) expect(plan.problem).toMatch(/^CHANGELOG.md belum berisi catatan untuk versi 0\.2\.0.* \/ CHANGELOG.md has no notes for version 0\.2\.0/);
    }
  });
});

describe('compareVersions', () => {
  it('compares number by number, as Chromium does', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('1.0.0', '1.0')).toBe(0);
    expect(compareVersions('0.1.0', '0.1.1')).toBe(-1);
  });
});
