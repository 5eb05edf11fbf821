// Every text the Facebook adapter matches, Indonesian and English, with its source. Sources are in
// ../shared/notes/real-sites-2026.md (first round and "Third round", Facebook; confidence H/M/G).
import type { TextTable } from './texts';

export const FACEBOOK_TEXTS = {
  /** aria-label of the final Post button (in "Create post", or in "Post settings" for a Page). */
  post: {
    en: ['Post'],
    id: ['Posting'],
    guessed: ['Kirim'],
    source: 'notes: div[role=button][aria-label="Post"] (Mask Network) H; "Posting" (Third round, Facebook) H/M; "Kirim": ours, G',
  },
  /** aria-label of the Page flow's Next, which opens "Post settings". */
  next: {
    en: ['Next'],
    id: ['Berikutnya'],
    guessed: ['Selanjutnya'],
    source: 'notes: Page flow "Create post" has Next (2025–26 scripts) H/M; "Berikutnya" (issue 33, Third round) M; "Selanjutnya": Instagram builds disagree, G for Facebook',
  },
  /** aria-label of the button that reveals the file input. */
  photoVideo: {
    en: ['Photo/video'],
    id: ['Foto/video'],
    source: 'notes: scripts click [aria-label="Photo/video"] (2025–26) H; "Foto/video" (issue 33, Third round) M',
  },
  /** aria-label of a Page's final button once a time is set in "Post settings" → "Scheduling options". */
  schedule: {
    en: [],
    id: [],
    guessed: ['Schedule', 'Jadwalkan'],
    source: 'issue 33: Facebook Pages schedule too; no public source shows the flow: the label is ours (as X\'s and Business Suite\'s "Schedule"), G',
  },
  /** Errors said in a dialog or alert after Post. */
  postError: {
    en: ['Something went wrong', "couldn't post", 'couldn’t post', 'try again'],
    id: [],
    guessed: ['Terjadi kesalahan', 'tidak dapat memposting', 'coba lagi'],
    source: 'English: Facebook\'s usual error dialogs, M; Indonesian: ours, G',
  },
} as const satisfies TextTable<string>;
