import { i18n } from '#i18n';
import { render } from 'preact';
import { localizePage } from '@/utils/shared/locale';
import { Popup } from '@/components/Popup';
import '@/components/page.css';

localizePage(i18n.t('app.name'));
render(<Popup />, document.getElementById('app')!);
