// Posts of content the library has since withdrawn, with their links and the take-down loop's state
// per post: asked, confirmed removed, refused (with the officer's reason), or no answer. Shared by
// the extension's dashboard (this browser's log) and the hub (every officer in scope).
import { i18n } from '#i18n';
import { currentState, type PostState, type StoredLogEntry } from '@/utils/shared/log-entry';
import { formatNumber } from '@/utils/shared/locale';
import { networkName } from '@/utils/shared/networks';

export type FollowUpPost = StoredLogEntry & { title?: string; latest?: PostState };

/** asked · removed · refused · noAnswer */
export function takedownStatus(post: FollowUpPost): 'asked' | 'removed' | 'refused' | 'noAnswer' {
  return post.latest?.takedown?.answer ?? 'noAnswer';
}

function statusText(post: FollowUpPost): string {
  const takedown = post.latest?.takedown;
  if (takedown?.answer === 'removed') return i18n.t('takedown.status.removed');
  if (takedown?.answer === 'refused') return i18n.t('takedown.status.refused', [takedown.note ?? '']);
  if (takedown?.answer === 'asked') return i18n.t('takedown.status.asked');
  return i18n.t('takedown.status.noAnswer');
}

export function WithdrawnFollowUp({ posts }: { posts: FollowUpPost[] }) {
  if (posts.length === 0) return null;
  const open = posts.filter((p) => takedownStatus(p) !== 'removed').length;
  return (
    <section class="hk-followup" data-testid="hk-withdrawn-followup" aria-label={i18n.t('dashboard.followUpLabel')}>
      <h2>{i18n.t('dashboard.followUp', [formatNumber(open)])}</h2>
      <ul>
        {posts.slice(0, 100).map((e) => {
          const { postUrl } = currentState(e);
          const status = takedownStatus(e);
          return (
            <li data-log-id={e.id}>
              <span data-field="title" title={e.itemId}>{e.title || e.itemId}</span> · {networkName(e.platform)} · {e.officerName} ·{' '}
              {postUrl && /^https:\/\//.test(postUrl) ? <a href={postUrl} target="_blank" rel="noreferrer noopener">{postUrl}</a> : i18n.t('dashboard.unknownUrl')} ·{' '}
              <strong data-testid="hk-takedown-status" data-status={status} class={status === 'removed' ? '' : 'hk-alert'}>{statusText(e)}</strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
