import { i18n } from '#i18n';
import { render } from 'preact';
import { localizePage } from '@/utils/shared/locale';
import { Dashboard } from '@/components/Dashboard';
import { FIRST_ROWS } from '@/utils/pages/first-rows';
import { newestEntries } from '@/utils/pages/log-query';
import { openDb } from '@/utils/storage/db';
import '@/components/page.css';

localizePage(i18n.t('dashboard.title'));
const db = openDb();
// Asked for before the first render: the database opens and reads while Preact draws the page
// (an effect would start it only after the first paint).
const firstRows = newestEntries(db, {}, FIRST_ROWS);
render(<Dashboard db={db} firstRows={firstRows} />, document.getElementById('app')!);
