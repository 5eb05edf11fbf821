import { i18n } from '#i18n';
import { render } from 'preact';
import { localizePage } from '@/utils/shared/locale';
import { Settings } from '@/components/Settings';
import '@/components/page.css';

localizePage(i18n.t('settings.title'));
render(<Settings />, document.getElementById('app')!);
