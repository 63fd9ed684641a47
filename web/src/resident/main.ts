/** The resident H5 entry: /report to report a problem, /track/<code> to follow it. No framework: it must load fast on a weak connection. */
import './resident.css';
import { h, mount } from './dom';
import { t } from './i18n';
import { reportPage } from './report';
import { trackPage } from './track';

const app = document.getElementById('app')!;
const main = h('main');
const path = location.pathname;
const tracking = path.startsWith('/track');
mount(app, h('header', {}, h('h1', {}, `安网 · ${tracking ? t.track : t.title}`), h('a', { href: tracking ? '/report' : '/track' }, tracking ? t.title : t.track)), main);
document.title = `安网 · ${tracking ? t.track : t.title}`;
const code = tracking ? decodeURIComponent(path.split('/')[2] ?? '') || null : null;
void (tracking ? trackPage(main, code) : reportPage(main));
