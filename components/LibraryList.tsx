// The libraries the officer follows, on the settings page: each with its label, address and whether
// it is signed. Read-only: policy (or, in development, `settings.libraries` in storage) lists them.
import { i18n } from '#i18n';
import type { LibraryConfig } from '@/utils/shared/libraries';

export function LibraryList({ libraries, byPolicy }: { libraries: LibraryConfig[]; byPolicy: boolean }) {
  return (
    <section class="hk-libraries" aria-labelledby="hk-libraries-title" data-testid="hk-libraries">
      <h2 id="hk-libraries-title">{i18n.t('libraries.listTitle')}</h2>
      <ul>
        {libraries.map((library, i) => (
          <li data-testid="hk-library" data-library-id={library.id}>
            <strong>{library.label ?? library.id}</strong> — <code>{library.url}</code>
            {library.publicKey ? ` · ${i18n.t('libraries.signed')}` : ` · ${i18n.t('libraries.unsigned')}`}
            {i === 0 && ` · ${i18n.t('libraries.primary')}`}
          </li>
        ))}
      </ul>
      <small>{byPolicy ? i18n.t('settings.fixedByPolicy') : i18n.t('libraries.listHint')}</small>
    </section>
  );
}
