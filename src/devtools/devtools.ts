/** DevTools page: adds the "Cookies (audit)" panel for the inspected tab. */
import { browser } from '../platform/browser.ts';

void browser.devtools.panels.create('Cookies (audit)', '/icons/icon-32.png', '/src/devtools/panel.html');
