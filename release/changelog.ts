// A release's changelog entry, in the Keep a Changelog layout an agency's IT team reads: changes are
// written by people under "## [Unreleased]" as they land, and a release turns that section into
// "## [0.5.0] - 2026-12-07". A release with nothing written for it is refused, not given an empty
// template: an IT team deciding whether to roll a version out needs to know what changed.

const UNRELEASED = /^## \[Unreleased\][^\n]*\n/im;
const ANY_VERSION_HEADING = /^## \[/m;

/** The text under "## [<version>]" (up to the next version heading), or undefined when there is none. */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const heading = new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\][^\\n]*\\n`, 'm').exec(changelog);
  if (!heading) return undefined;
  const rest = changelog.slice(heading.index + heading[0].length);
  const next = ANY_VERSION_HEADING.exec(rest);
  return (next ? rest.slice(0, next.index) : rest).trim();
}

function unreleasedSection(changelog: string): { start: number; headingEnd: number; end: number } | undefined {
  const heading = UNRELEASED.exec(changelog);
  if (!heading) return undefined;
  const headingEnd = heading.index + heading[0].length;
  const next = ANY_VERSION_HEADING.exec(changelog.slice(headingEnd));
  return { start: heading.index, headingEnd, end: next ? headingEnd + next.index : changelog.length };
}

export type ChangelogPlan =
  | { ok: true; changelog: string; changed: boolean }
  | { ok: false; problem: string };

/**
 * The changelog for releasing `version` on `date` (YYYY-MM-DD): unchanged when the version already has
 * a non-empty entry, else the Unreleased notes moved under the version's heading (an empty Unreleased
 * heading stays on top for the next changes), else a bilingual refusal.
 */
export function planChangelog(changelog: string, version: string, date: string): ChangelogPlan {
  const existing = changelogEntry(changelog, version);
  if (existing) return { ok: true, changelog, changed: false };
  const section = unreleasedSection(changelog);
  const notes = section ? changelog.slice(section.headingEnd, section.end).trim() : '';
  if (existing === undefined && section && notes) {
    const released = `## [Unreleased]\n\n## [${version}] - ${date}\n\n${notes}\n\n`;
    return { ok: true, changed: true, changelog: changelog.slice(0, section.start) + released + changelog.slice(section.end) };
  }
  return {
    ok: false,
    problem:
      `CHANGELOG.md belum berisi catatan untuk versi ${version}: tulis perubahannya di bawah "## [Unreleased]" lalu ulangi / ` +
      `CHANGELOG.md has no notes for version ${version}: write the changes under "## [Unreleased]" and run the release again`,
  };
}

/** Dotted versions compared number by number: Chromium updates only to a higher version. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
