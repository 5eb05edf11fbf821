import { render } from 'preact';
import { Settings } from '@/components/Settings';
import '@/components/page.css';

render(<Settings />, document.getElementById('app')!);
