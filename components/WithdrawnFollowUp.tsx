// Posts of content the library has since withdrawn, with their links: to be taken down.
// Shared by the extension's dashboard (this browser's log) and the hub (every officer in scope).
import { i18n } from '#i18n';
import { currentState, type StoredLogEntry } from '@/utils/shared/log-entry';
import { formatNumber } from '@/utils/shared/locale';
import { networkName } from '@/utils/shared/networks';

export function WithdrawnFollowUp({ posts }: { posts: StoredLogEntry[] }) {
  if (posts.length === 0) return null;
  return (
    <section class="hk-followup" data-testid="hk-withdrawn-followup" aria-label={i18n.t('dashboard.followUpLabel')}>
      <h2>{i18n.t('dashboard.followUp', [formatNumber(posts.length)])}</h2>
      <ul>
        {posts.slice(0, 100).map((e) => {
          const { postUrl } = currentState(e);
          return (
            <li data-log-id={e.id}>
              {e.itemId} · {networkName(e.platform)} · {e.officerName} ·{' '}
              {postUrl && /^https:\/\//.test(postUrl) ? <a href={postUrl} target="_blank" rel="noreferrer noopener">{postUrl}</a> : i18n.t('dashboard.unknownUrl')}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
