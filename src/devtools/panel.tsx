/// <reference types="vite/client" />
/** DevTools panel entry: the inspected tab (or ?tabId=N for tests and screenshots). */
import { render } from 'preact';
import '../ui/styles.css';
import './devtools.css';
import { browser } from '../platform/browser.ts';
import { Connector } from '../ui/connect/connector.ts';
import { DevtoolsPanel } from './components/Panel.tsx';
import { connectLive } from './port.ts';

const root = document.getElementById('app');
const param = new URLSearchParams(location.search).get('tabId');
const tabId = param !== null && /^\d+$/.test(param) ? Number(param) : browser.devtools?.inspectedWindow.tabId;
if (root && tabId !== undefined) {
  render(<DevtoolsPanel tabId={tabId} actions={new Connector()} connect={connectLive} />, root);
}
