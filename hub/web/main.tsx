import { render } from 'preact';
import { i18n } from '#i18n';
import { localizePage } from '@/utils/shared/locale';
import { HubApp } from './HubApp';

localizePage(i18n.t('hub.title'));
render(<HubApp />, document.getElementById('app')!);
