// Meta Business Suite (business.facebook.com/latest/composer): one composer posts to a Facebook Page
// and its Instagram account at once, each a "placement". The one-profile-per-network rule holds: each
// selected placement is its own post, logged as its own entry (`placements`), all from one Publish.
// The caption is one Lexical editor shared by the placements, so the officer inserts once and the
// text is composed for Facebook (this adapter's platform); the Instagram entry carries the same text.
// Evidence (../shared/notes/real-sites-2026.md, "Third round"; business-suite-texts.ts): the address
// /latest/composer/?asset_id=…, "Add photo/video" opening a native chooser, upload done when
// "Remove photo"/"Edit photo" shows, Publish aria-disabled until ready, then "Your post is now
// published", a "Boost your post" modal or a redirect to /latest/content_calendar/. Guesses (G):
// placements as checkboxes named after their network; the file input present beside "Add photo/video"
// (the chooser is never opened: it would pop up in front of the officer); no iframe around the composer.
// Scheduling (notes: "one scheduling block per placement ('Set date and time')", M): each placement's
// block is a group named like its placement checkbox (G), its time in a date and a time input (G);
// a placement with a time set is logged `scheduled` for that time, the others as published.
// One outcome for all placements: the evidence shows one verdict per Publish ("Your post is now
// published", "Something went wrong", the Boost modal, the planner) and none naming a placement, so
// a failure or success is taken as the whole click's (a per-placement result would be a guess).
// Site hints (../site-hints.ts) under their own network id, `business-suite`: its markup is not
// facebook.com's. Roles: editor, postButton, fileInput, successText, errorText.
import { attachAndWait, blocksText, insertVerified, pasteText, pickedTime } from './dom-insert';
import { BUSINESS_SUITE_TEXTS as T } from './business-suite-texts';
import { hinted, hintedPhrase, hintSelector } from '../site-hints';
import { isPhrase, labelled, says, type Phrase } from './texts';
import type { Placement, ScheduledPost, SiteAdapter } from './types';

const HOST = 'business.facebook.com';
/** The composer's address (notes M); `/latest/posts/composer` and `/latest/home` composers: G. */
const COMPOSE_PATH = /^\/latest\/(posts\/)?composer\/?$/;
/** Where Business Suite goes after publishing: the planner (notes: /latest/content_calendar/ M; /latest/planner G). */
const PLANNER_PATH = /^\/latest\/(content_calendar|planner)\b/;
/** Lexical's caption box (notes: role=textbox, data-lexical-editor H/M); a role=combobox variant (the Puppeteer uploader M). */
const EDITOR = '[contenteditable="true"][role="textbox"], [contenteditable="true"][role="combobox"]';
const BUTTONS = '[role="button"], button';
/** Placements: checkboxes whose name says the network (G); the network names are the same in both languages. */
const PLACEMENT_BOXES = '[role="checkbox"], input[type="checkbox"]';
const NETWORKS: readonly (readonly [Placement['platform'], RegExp])[] = [
  ['facebook', /\bfacebook\b/i],
  ['instagram', /\binstagram\b/i],
];
/** Where the site says how publishing went (G: Business Suite's toasts and modals). */
const NOTICES = '[role="alert"], [role="status"], [role="dialog"], [role="alertdialog"]';
const MEDIA_READY_WAIT_MS = 15_000;
/** The site hints' network id for this adapter. */
const HINTS_NETWORK = 'business-suite';

/** A button's own words: its aria-label, else its text. */
const buttonName = (el: Element) => el.getAttribute('aria-label') ?? el.textContent ?? '';

function buttonSaying(root: ParentNode, phrase: Phrase): HTMLElement | null {
  return [...root.querySelectorAll<HTMLElement>(BUTTONS)].find((el) => isPhrase(buttonName(el), phrase)) ?? null;
}

/** Publish (or Schedule) by its words, then a hinted selector (a button Business Suite renamed). */
function submitButton(root: ParentNode): HTMLElement | null {
  const hints = hintSelector('postButton');
  return buttonSaying(root, T.publish) ?? buttonSaying(root, T.schedule) ?? (hints ? root.querySelector<HTMLElement>(hints) : null);
}

/** The composer: the nearest container of the editor that also holds Publish (a page, not a dialog). */
function composerRoot(editor: Element): Element | null {
  for (let el = editor.parentElement; el && el !== el.ownerDocument.body; el = el.parentElement) {
    if (submitButton(el)) return el;
  }
  return null;
}

function isChecked(box: Element): boolean {
  return box instanceof HTMLInputElement ? box.checked : box.getAttribute('aria-checked') === 'true';
}

/** A checkbox's name: aria-label, else its <label>, else its text. */
function boxName(box: Element): string {
  const label = box.getAttribute('aria-label') ?? (box instanceof HTMLInputElement ? box.labels?.[0]?.textContent : box.textContent);
  return (label ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A placement's own scheduling block: a group named like its checkbox (G), with its "Set date and
 * time" switch on and a date and a time input. Undefined when it publishes now; `{}` when the time
 * cannot be read.
 */
function placementSchedule(root: Element, name: string): ScheduledPost | undefined {
  const block = [...root.querySelectorAll('[role="group"]')].find((group) => group.getAttribute('aria-label')?.trim() === name);
  const toggle = block?.querySelector('[role="switch"], input[type="checkbox"]');
  if (!block || !toggle || !isChecked(toggle)) return undefined;
  return pickedTime(block);
}

function selectedPlacements(root: Element): Placement[] {
  const placements: Placement[] = [];
  for (const box of root.querySelectorAll(PLACEMENT_BOXES)) {
    if (!isChecked(box)) continue;
    const name = boxName(box);
    const network = NETWORKS.find(([, word]) => word.test(name));
    if (!network || placements.some((p) => p.platform === network[0])) continue;
    // "Facebook: Humas Kota Malang", "humas.malang (Instagram)": the name without the network word.
    const account = name.replace(network[1], '').replace(/\(\s*\)/g, '').replace(/^[\s:·•|–-]+|[\s:·•|–-]+$/g, '');
    const scheduled = placementSchedule(root, name);
    placements.push({ platform: network[0], account, ...(scheduled && { scheduled }) });
  }
  return placements;
}

/** The composer's own file input for photos (several can exist: a video thumbnail's, the page's). */
function photoInput(root: Element): HTMLInputElement | null {
  const inputs = [...root.querySelectorAll<HTMLInputElement>('input[type="file"]')];
  const hints = hintSelector('fileInput');
  return inputs.find((input) => !input.accept || /image/.test(input.accept)) ?? (hints ? root.querySelector<HTMLInputElement>(hints) : null);
}

const mediaReadyCount = (root: Element) => root.querySelectorAll(labelled(T.mediaReady)).length;

export const adapter: SiteAdapter = {
  platform: 'facebook',
  matchPatterns: [`https://${HOST}/*`],
  matchesUrl: (url) => url.hostname === HOST,
  isComposePage: (url) => url.hostname === HOST && COMPOSE_PATH.test(url.pathname),
  hintsNetwork: HINTS_NETWORK,
  get editorSelector() {
    return hinted('editor', EDITOR);
  },

  composerFor(el) {
    const root = composerRoot(el);
    return root ? { root, editor: el as HTMLElement } : null;
  },

  postButton: (composer) => submitButton(composer.root),

  // Instagram takes JPEG and PNG only, and the Instagram placement gets the same file.
  acceptsImage: (mime) => mime === 'image/jpeg' || mime === 'image/png',

  // Lexical: one block per paragraph, posted as lines; it takes a synthetic paste (insertion-findings.md).
  readText: (composer) => blocksText(composer.editor.children),
  insertText: (composer, text) => insertVerified(composer.editor, text, [pasteText], () => adapter.readText(composer)),

  // Into the file input "Add photo/video" opens; done when the site offers to remove or edit the photo.
  attachFile(composer, file) {
    const before = mediaReadyCount(composer.root);
    const input = photoInput(composer.root);
    if (!input) return Promise.resolve(false);
    return attachAndWait(input, composer.editor, file, () => mediaReadyCount(composer.root) > before, MEDIA_READY_WAIT_MS);
  },

  placements: (composer) => selectedPlacements(composer.root),

  readAccount: (composer) => selectedPlacements(composer.root)[0]?.account ?? '',

  // Each placement's own block says its time (placements above); the button's "Schedule" alone,
  // with no block found, means every placement is scheduled, at a time the page did not show us.
  scheduledPost(composer) {
    const button = submitButton(composer.root);
    if (!button || !isPhrase(buttonName(button), T.schedule)) return undefined;
    return selectedPlacements(composer.root).some((p) => p.scheduled) ? undefined : {};
  },

  postOutcome(composer) {
    const doc = composer.root.ownerDocument;
    const said = [...doc.querySelectorAll(NOTICES)].map((el) => el.textContent ?? '').join(' ');
    if (says(said, hintedPhrase('errorText', T.failed))) return 'failed';
    if (says(said, hintedPhrase('successText', T.published)) || says(said, T.scheduled) || says(said, T.boost)) return 'confirmed';
    if (PLANNER_PATH.test(doc.location?.pathname ?? '')) return 'confirmed';
    return undefined;
  },
};

