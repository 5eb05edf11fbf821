import { i18n } from '#i18n';
import { render } from 'preact';
import { localizePage } from '@/utils/shared/locale';
import { Dashboard } from '@/components/Dashboard';
import '@/components/page.css';

localizePage(i18n.t('dashboard.title'));
render(<Dashboard />, document.getElementById('app')!);
