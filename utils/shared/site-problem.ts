// A drift report (issue 33): the extension saw a compose page it could not work with — the site
// changed its markup — and tells the hub, so the ministry knows within minutes, not from complaints.
// Shared by the extension (utils/background/site-problems.ts) and the hub (hub/site-problems.ts).
// It carries no page content: which network, which step, the page's path without its query, the
// extension's version, the browser and the UI language. Signed with the install's enrolled key.

/** Which step failed: no composer on a compose page, a text insertion that did not verify, an image the site never took. */
export const SITE_PROBLEM_STEPS = ['composer', 'text', 'media'] as const;
export type SiteProblemStep = (typeof SITE_PROBLEM_STEPS)[number];

export const SITE_PROBLEM_LIMITS = { path: 200, version: 40, browser: 60, uiLanguage: 20, perUpload: 50 } as const;

export interface SiteProblem {
  /** uuid: the hub stores each report once (a resend after a lost answer is a duplicate). */
  id: string;
  installId: string;
  network: string;
  step: SiteProblemStep;
  /** The extension's version (manifest). */
  version: string;
  /** The page's path, never its query or fragment (they can hold search terms, ids, tokens). */
  path: string;
  /** "Chrome 148", "Firefox 153": name and major version, not the whole user agent. */
  browser: string;
  /** The extension's UI language (its locale: id-ID, en-GB). */
  uiLanguage: string;
  /** When the extension saw it (ISO 8601). */
  at: string;
}

export interface SignedSiteProblem extends SiteProblem {
  /** base64 Ed25519 signature of the UTF-8 bytes of the hex sha256 of `siteProblemBytes` (as log entries sign their hash). */
  signature: string;
}

const FIELDS = ['at', 'browser', 'id', 'installId', 'network', 'path', 'step', 'uiLanguage', 'version'] as const satisfies readonly (keyof SiteProblem)[];

/** The canonical JSON that is hashed and signed: exactly these fields, keys in sorted order, no spaces. */
export function siteProblemBytes(problem: SiteProblem): string {
  return JSON.stringify(Object.fromEntries(FIELDS.map((key) => [key, problem[key]])));
}

/** The page's path alone: no query, no fragment, at most 200 characters. */
export function pathOnly(url: string): string {
  try {
    return new URL(url).pathname.slice(0, SITE_PROBLEM_LIMITS.path);
  } catch {
    return '/';
  }
}

/** "Chrome 148" from a user agent (Edge and Firefox by their own names); never the whole string. */
export function browserName(userAgent: string): string {
  for (const [name, pattern] of [['Edge', /Edg\/(\d+)/], ['Firefox', /Firefox\/(\d+)/], ['Chrome', /Chrom(?:e|ium)\/(\d+)/], ['Safari', /Version\/(\d+).*Safari/]] as const) {
    const major = userAgent.match(pattern)?.[1];
    if (major) return `${name} ${major}`;
  }
  return 'other';
}
