/// <reference types="vite/client" />
/** Popup entry: find the tab (?tabId=N or the active tab), then render it from the background's view. */
import { render } from 'preact';
import '../ui/styles.css';
import { Connector, resolveTabId } from '../ui/connect/connector.ts';
import { PopupApp } from './components/Popup.tsx';

const root = document.getElementById('app');
if (root) {
  if (new URLSearchParams(location.search).has('tabId')) document.body.classList.add('in-tab');
  const actions = new Connector();
  resolveTabId().then(
    (tabId) => render(<PopupApp tabId={tabId} actions={actions} />, root),
    () => render(<PopupApp tabId={null} actions={actions} />, root),
  );
}
