import { render } from 'preact';
import { i18n } from '#i18n';
import { localizePage } from '@/utils/shared/locale';
import { DeskApp } from './desk/DeskApp';
import { HubApp } from './HubApp';

// One bundle for both pages: the supervisors' hub at /, the editorial desk at /desk.
const desk = location.pathname === '/desk';
localizePage(i18n.t('hub.title'));
render(desk ? <DeskApp /> : <HubApp />, document.getElementById('app')!);
