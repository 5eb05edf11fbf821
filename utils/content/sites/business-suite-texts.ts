// Every text the Meta Business Suite adapter matches, Indonesian and English, with its source.
// Sources: ../shared/notes/real-sites-2026.md ("Third round", Facebook and Meta Business Suite, M),
// issue 33, and a public Puppeteer "Meta POST Uploader" for Business Suite (2025–26, found through
// the code search: it clicks "Add photo/video" and takes the native file chooser, clicks the
// `div[role=button]` whose text is "Publish", and waits for "Your post is now published" or fails on
// "Something went wrong"). Indonesian strings other than the success text are not shown publicly: G.
import type { TextTable } from './texts';

export const BUSINESS_SUITE_TEXTS = {
  /** The composer's submit button (its visible text; an aria-label when it has one). */
  publish: {
    en: ['Publish'],
    id: ['Publikasikan'],
    source: 'notes (Third round, Business Suite) "Publish" (aria-disabled until ready) M; the Puppeteer uploader clicks the role=button with text "Publish" M; "Publikasikan": issue 33 M',
  },
  /** The submit button once the officer set a date and time in a placement's scheduling block. */
  schedule: {
    en: ['Schedule'],
    id: ['Jadwalkan'],
    source: 'notes: one scheduling block per placement ("Set date and time") M; the button then reading "Schedule": G (as X does); "Jadwalkan": X\'s Indonesian word (Twitter-UI-Customizer id.json), G here',
  },
  /** Shown once an attached photo is processed (the upload is done). */
  mediaReady: {
    en: ['Remove photo', 'Edit photo'],
    id: [],
    guessed: ['Hapus foto', 'Edit foto'],
    source: 'notes (Third round, Business Suite): upload done when "Remove photo"/"Edit photo" shows M; Indonesian: ours, G',
  },
  /** The post went out. */
  published: {
    en: ['Your post is now published', 'Your post was published'],
    id: ['Postingan Anda sekarang dipublikasikan'],
    guessed: ['Postingan Anda telah dipublikasikan'],
    source: 'notes "Your post is now published" M; the Puppeteer uploader waits for "your post is now published" M; Indonesian: issue 33 M; "was published" / "telah dipublikasikan": G',
  },
  /** A scheduled post was taken (the planner holds it now). */
  scheduled: {
    en: [],
    id: [],
    guessed: ['Your post was scheduled', 'Your post has been scheduled', 'Postingan Anda telah dijadwalkan', 'Postingan Anda sudah dijadwalkan'],
    source: 'notes: one scheduling block per placement ("Set date and time") M, and the planner redirect M; the confirmation\'s words are not in public sources: G (English and Indonesian ours)',
  },
  /** The upsell Business Suite shows after publishing: also means the post went out. */
  boost: {
    en: ['Boost your post'],
    id: [],
    guessed: ['Tingkatkan postingan Anda'],
    source: 'notes: a "Boost your post" modal ("Maybe later") after Publish M; Indonesian: ours, G',
  },
  /** Publishing failed. */
  failed: {
    en: ['Something went wrong', "Your post couldn't be published", 'Your post couldn’t be published'],
    id: [],
    guessed: ['Terjadi kesalahan', 'Postingan Anda tidak dapat dipublikasikan'],
    source: 'the Puppeteer uploader fails on "something went wrong" M; "couldn\'t be published": G; Indonesian: ours, G',
  },
} as const satisfies TextTable<string>;

