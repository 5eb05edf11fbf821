// An officer's hoax report or content suggestion for the desk's inbox (POST ${reportUrl}/v1/suggestions,
// docs/editorial-desk.md "The inbox"): the extension signs it with the enrolled install's key, the hub
// checks it. Shared by both, so the signed bytes are the same on each side.

export const SUGGESTION_KINDS = ['hoax', 'content'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const SUGGESTION_LIMITS = { text: 2000, link: 2000, screenshotBytes: 3_000_000, queued: 50 } as const;
export const SCREENSHOT_MIMES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export interface SuggestionScreenshot {
  mime: (typeof SCREENSHOT_MIMES)[number];
  /** hex sha256 of the image bytes: the signature covers the image through it. */
  sha256: string;
  bytes: number;
}

export interface Suggestion {
  id: string;
  installId: string;
  kind: SuggestionKind;
  text: string;
  link?: string;
  screenshot?: SuggestionScreenshot;
  /** When the officer sent it (ISO): a report kept through an outage keeps its time. */
  at: string;
}

/** The upload: the signed suggestion, and the screenshot's bytes (base64) when it has one. */
export interface SuggestionUpload {
  installId: string;
  suggestion: Suggestion & { signature: string };
  screenshot?: string;
}

/** The bytes whose sha256 the install signs: every field but the signature, keys sorted. */
export function suggestionBytes(s: Suggestion): string {
  const screenshot = s.screenshot && { bytes: s.screenshot.bytes, mime: s.screenshot.mime, sha256: s.screenshot.sha256 };
  const fields: Record<string, unknown> = { at: s.at, id: s.id, installId: s.installId, kind: s.kind, link: s.link, screenshot, text: s.text };
  return JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
}
