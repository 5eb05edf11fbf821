// Writing an item: the ContentItem's fields, a caption per network with live counting by the
// extension's own rules (checkLength: X weighted 280, Instagram 2,200 and 30 hashtags), infographics
// by drag and drop (prepared by the server) with required alt text, and the correction's reason.
// A network may have several approved caption variants (each counted live); officers each get one.
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { checkLength } from '@/utils/background/platform-limits';
import { composeCaption } from '@/utils/shared/compose';
import { CONTENT_KINDS } from '@/utils/shared/library-terms';
import { networks } from '@/utils/shared/networks';
import { MAX_CAPTION_VARIANTS } from '@/utils/shared/schema';
import { deskApi, errorText } from './desk-api';
import { dt } from './messages';
import { RegionPreview } from './RegionPreview';

export interface FormMedia {
  sha256: string;
  alt: string;
  thumbnail?: string;
}

export interface FormState {
  title: string;
  program: string;
  kind: string;
  priority: string;
  tags: string;
  hashtags: string;
  link: string;
  publishAt: string;
  expiresAt: string;
  captions: Record<string, string>;
  /** Extra approved captions per network (captionVariants), as typed: empty ones are dropped on save. */
  variants: Record<string, string[]>;
  /** The official account's post on X, for officers' Quote. */
  officialPostX: string;
  media: FormMedia[];
}

const split = (text: string, by: RegExp) => text.split(by).map((t) => t.trim().replace(/^#/, '')).filter(Boolean);
const localInput = (iso?: unknown) => (typeof iso === 'string' ? new Date(Date.parse(iso) - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function formFromContent(content: Record<string, any> = {}): FormState {
  return {
    title: content.title ?? '',
    program: content.program ?? '',
    kind: content.kind ?? 'infografis',
    priority: content.priority ?? 'normal',
    tags: (content.tags ?? []).join(', '),
    hashtags: (content.hashtags ?? []).join(' '),
    link: content.link ?? '',
    publishAt: localInput(content.publishAt),
    expiresAt: localInput(content.expiresAt),
    captions: { default: '', ...(content.captions ?? {}) },
    variants: { ...(content.captionVariants ?? {}) },
    officialPostX: content.officialPosts?.x ?? '',
    media: content.media ?? [],
  };
}

/** What the server stores: empty optional fields left out, empty network captions dropped. */
export function contentFromForm(form: FormState) {
  const captions: { default: string; [network: string]: string } = { ...Object.fromEntries(Object.entries(form.captions).filter(([, v]) => v.trim())), default: form.captions.default ?? '' };
  const variants = Object.fromEntries(
    Object.entries(form.variants)
      .map(([network, texts]) => [network, texts.filter((t) => t.trim())] as const)
      .filter(([, texts]) => texts.length),
  );
  return {
    title: form.title,
    program: form.program,
    kind: form.kind,
    priority: form.priority,
    tags: split(form.tags, /,/),
    hashtags: split(form.hashtags, /[\s,]+/),
    captions,
    ...(Object.keys(variants).length ? { captionVariants: variants } : {}),
    ...(form.officialPostX.trim() ? { officialPosts: { x: form.officialPostX.trim() } } : {}),
    ...(form.link.trim() ? { link: form.link.trim() } : {}),
    ...(form.publishAt ? { publishAt: toIso(form.publishAt) } : {}),
    ...(form.expiresAt ? { expiresAt: toIso(form.expiresAt) } : {}),
    media: form.media.map(({ sha256, alt }) => ({ sha256, alt })),
  };
}

export function CaptionCounts({ form }: { form: FormState }) {
  const content = contentFromForm(form);
  return (
    <ul class="hk-desk-counts" data-testid="desk-counts">
      {networks().flatMap((n) =>
        // Variant 0 is the network's caption (or the main one), then each variant as typed (empty ones are not saved).
        [content.captions[n.id] ?? content.captions.default, ...(form.variants[n.id] ?? [])].map((caption, i) => {
          const check = checkLength(composeCaption({ ...content, captions: { ...content.captions, [n.id]: caption } }, n.id, { agency: '{instansi}', region: '{daerah}' }), n.id);
          const name = i === 0 ? n.name : `${n.name} · ${i + 1}`;
          return (
            <li class={check.ok ? '' : 'hk-desk-over'} data-testid={i === 0 ? `desk-count-${n.id}` : `desk-count-${n.id}-${i}`}>
              {dt('counted', [name, check.count, check.limit])}
              {n.maxHashtags !== undefined && dt('hashtagsCounted', [check.hashtags, n.maxHashtags])}
              {!check.ok && <span role="alert"> — {check.warning}</span>}
            </li>
          );
        }),
      )}
    </ul>
  );
}

interface Props {
  library: string;
  initial: FormState;
  /** A published item with no open version: saving makes a correction, which needs a reason. */
  correction: boolean;
  /** The open version already asks officers to delete posts of older versions (a correction saved before). */
  askTakedown?: boolean;
  onSave: (content: ReturnType<typeof contentFromForm>, reason: string, submit: boolean) => Promise<void>;
  onCancel: () => void;
}

export function ItemForm({ library, initial, correction, askTakedown, onSave, onCancel }: Props) {
  const [form, setForm] = useState(initial);
  const [asking, setAsking] = useState(Boolean(askTakedown));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState('');
  const [message, setMessage] = useState('');
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  const input = (key: keyof FormState) => (e: Event) => set({ [key]: (e.target as HTMLInputElement).value } as Partial<FormState>);

  const upload = async (files: FileList | null | undefined) => {
    for (const file of Array.from(files ?? [])) {
      setBusy(dt('uploading'));
      try {
        const media = await deskApi.upload(library, file);
        setForm((f) => ({ ...f, media: [...f.media, { sha256: media.sha256, alt: '', thumbnail: media.thumbnail }] }));
      } catch (err) {
        setMessage(errorText(err));
      }
      setBusy('');
    }
  };
  const save = async (submit: boolean) => {
    setMessage('');
    try {
      await onSave({ ...contentFromForm(form), ...(asking ? { askTakedown: true } : {}) }, reason, submit);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  return (
    <form class="hk-desk-form" data-testid="desk-form" onSubmit={(e) => { e.preventDefault(); void save(true); }}>
      {correction && <p class="hk-notice">{dt('correctionNote')}</p>}
      <label>{dt('fieldTitle')} <input data-testid="desk-title" value={form.title} maxLength={200} onInput={input('title')} required /></label>
      <label>{dt('fieldProgram')} <input data-testid="desk-program" value={form.program} onInput={input('program')} required /></label>
      <label>{i18n.t("sidebar.kind")}
        <select data-testid="desk-kind" value={form.kind} onChange={input('kind')}>
          {CONTENT_KINDS.map((k) => <option value={k}>{i18n.t(`sidebar.kinds.${k}`)}</option>)}
        </select>
      </label>
      <label>{dt('fieldPriority')}
        <select data-testid="desk-priority" value={form.priority} onChange={input('priority')}>
          <option value="normal">{dt('normal')}</option>
          <option value="urgent">{dt('urgent')}</option>
        </select>
      </label>
      <label>{dt('fieldTags')} <input value={form.tags} onInput={input('tags')} /></label>
      <label>{dt('captionDefault')}
        <textarea data-testid="desk-caption-default" rows={4} value={form.captions.default} onInput={(e) => set({ captions: { ...form.captions, default: (e.target as HTMLTextAreaElement).value } })} />
      </label>
      <p class="hk-desk-note">{dt('variantsNote')}</p>
      {networks().map((n) => {
        const variants = form.variants[n.id] ?? [];
        const setVariants = (next: string[]) => set({ variants: { ...form.variants, [n.id]: next } });
        return (
          <fieldset class="hk-desk-network" data-testid={`desk-network-${n.id}`}>
            <label>{dt('captionFor', [n.name])}
              <textarea data-testid={`desk-caption-${n.id}`} rows={3} value={form.captions[n.id] ?? ''} onInput={(e) => set({ captions: { ...form.captions, [n.id]: (e.target as HTMLTextAreaElement).value } })} />
            </label>
            {variants.map((text, i) => (
              <div class="hk-desk-variant">
                <label>{dt('variantFor', [n.name, i + 2])}
                  <textarea data-testid={`desk-variant-${n.id}-${i + 1}`} rows={3} value={text} onInput={(e) => setVariants(variants.map((t, j) => (j === i ? (e.target as HTMLTextAreaElement).value : t)))} />
                </label>
                <button type="button" data-testid={`desk-remove-variant-${n.id}-${i + 1}`} onClick={() => setVariants(variants.filter((_, j) => j !== i))}>{dt('remove')}</button>
              </div>
            ))}
            {variants.length < MAX_CAPTION_VARIANTS && (
              <button type="button" data-testid={`desk-add-variant-${n.id}`} onClick={() => setVariants([...variants, ''])}>{dt('addVariant', [n.name])}</button>
            )}
          </fieldset>
        );
      })}
      <label>{dt('officialPostX')} <input type="url" data-testid="desk-official-x" value={form.officialPostX} onInput={input('officialPostX')} /></label>
      <label>{dt('fieldHashtags')} <input data-testid="desk-hashtags" value={form.hashtags} onInput={input('hashtags')} /></label>
      <label>{dt('fieldLink')} <input type="url" data-testid="desk-link" value={form.link} onInput={input('link')} /></label>
      <CaptionCounts form={form} />
      <RegionPreview content={contentFromForm(form)} />
      <label>{dt('fieldPublishAt')} <input type="datetime-local" value={form.publishAt} onInput={input('publishAt')} /></label>
      <label>{dt('fieldExpiresAt')} <input type="datetime-local" value={form.expiresAt} onInput={input('expiresAt')} /></label>
      <fieldset class="hk-desk-media">
        <legend>{dt('media')}</legend>
        <div class="hk-desk-drop" data-testid="desk-drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => { e.preventDefault(); void upload(e.dataTransfer?.files); }}>
          <label>{dt('drop')} <input type="file" accept="image/png,image/jpeg,image/webp" data-testid="desk-file" onChange={(e) => void upload((e.target as HTMLInputElement).files)} /></label>
        </div>
        {busy && <p aria-live="polite">{busy}</p>}
        {form.media.map((m, i) => (
          <div class="hk-desk-media-row">
            {m.thumbnail ? <img src={m.thumbnail} alt="" width={72} /> : <code>{m.sha256.slice(0, 12)}</code>}
            <label>{dt('alt')}
              <input data-testid={`desk-alt-${i}`} value={m.alt} required onInput={(e) => set({ media: form.media.map((x, j) => (j === i ? { ...x, alt: (e.target as HTMLInputElement).value } : x)) })} />
            </label>
            <button type="button" onClick={() => set({ media: form.media.filter((_, j) => j !== i) })}>{dt('remove')}</button>
          </div>
        ))}
      </fieldset>
      {(correction || askTakedown) && (
        <label><input type="checkbox" data-testid="desk-ask-takedown" checked={asking} onChange={(e) => setAsking((e.target as HTMLInputElement).checked)} /> {dt('askTakedown')}</label>
      )}
      {correction && <label>{dt('correctionReason')} <input data-testid="desk-reason" value={reason} required onInput={(e) => setReason((e.target as HTMLInputElement).value)} /></label>}
      {message && <p role="alert" class="hk-alert" data-testid="desk-form-error">{message}</p>}
      <p class="hk-desk-buttons">
        <button type="button" data-testid="desk-save" onClick={() => void save(false)}>{dt('save')}</button>
        <button type="submit" data-testid="desk-submit">{dt('submitReview')}</button>
        <button type="button" onClick={onCancel}>{dt('cancel')}</button>
      </p>
    </form>
  );
}
