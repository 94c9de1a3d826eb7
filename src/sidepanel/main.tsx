/// <reference types="vite/client" />
/** Side panel / sidebar entry: follows the active tab of the window it is open in. */
import { render } from 'preact';
import '../ui/styles.css';
import './sidepanel.css';
import { connectLive } from '../devtools/port.ts';
import { browser, type Tabs } from '../platform/browser.ts';
import { Connector } from '../ui/connect/connector.ts';
import { SidePanelApp, type TabSource } from './components/SidePanel.tsx';

/** The active tab of this page's own window: each window's panel follows its own tabs. */
export const windowTabs: TabSource = {
  watch(onTab) {
    let windowId: number | undefined;
    let active: number | null = null;
    /** Set when this page is itself a tab (opened by URL): it follows the other tabs, not itself. */
    let ownTab: number | undefined;
    const set = (id: number | null) => {
      active = id;
      onTab(id);
    };
    const onActivated = (info: Tabs.OnActivatedActiveInfoType) => {
      if (info.windowId === windowId && info.tabId !== ownTab) set(info.tabId);
    };
    const onUpdated = (id: number, change: Tabs.OnUpdatedChangeInfoType) => {
      // A navigation (loading) and its end (complete): the view of the new document.
      if (id === active && (change.status === 'loading' || change.status === 'complete')) set(id);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    void Promise.all([browser.windows.getCurrent(), browser.tabs.getCurrent()]).then(async ([win, own]) => {
      windowId = win.id;
      ownTab = own?.id;
      const [tab] = await browser.tabs.query({ active: true, windowId });
      if (tab?.id !== undefined && tab.id !== ownTab) set(tab.id);
      else if (active === null) set(null);
    });
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  },
};

const root = document.getElementById('app');
if (root) render(<SidePanelApp tabs={windowTabs} actions={new Connector()} connect={connectLive} />, root);
