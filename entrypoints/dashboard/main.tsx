import { render } from 'preact';
import { Dashboard } from '@/components/Dashboard';
import '@/components/page.css';

render(<Dashboard />, document.getElementById('app')!);
