/**
 * The real actions: typed messages to the background through the platform adapter. The only popup
 * module that touches the browser.
 */
import { originPattern } from '../../access/connector.ts';
import type { AcceptedRisk, ReportFormat } from '../../core/index.ts';
import { EXTENSION_PAGES } from '../../pages.ts';
import { browser, IS_FIREFOX, sendRequest } from '../../platform/browser.ts';
import type { PopupActions, ReportActions } from './types.ts';

export class Connector implements PopupActions, ReportActions {
  getTabView(tabId: number) {
    return sendRequest({ type: 'get-tab-view', tabId });
  }

  checkRedirect(tabId: number) {
    return sendRequest({ type: 'check-redirect', tabId });
  }

  async revealValue(request: { tabId: number; name: string; domain: string; path: string }) {
    const reply = await sendRequest({ type: 'reveal-value', ...request });
    return reply.value;
  }

  async openReport() {
    await browser.tabs.create({ url: browser.runtime.getURL(EXTENSION_PAGES.report) });
  }

  async reloadTab(tabId: number) {
    await browser.tabs.reload(tabId);
  }

  requestAccess(origin: string) {
    // Called straight from the click: the permission prompt needs that user gesture.
    return browser.permissions.request({ origins: [originPattern(origin)] });
  }

  async openSidePanel(tabId: number) {
    // Both calls must happen in the click's turn (no await before them).
    if (IS_FIREFOX) {
      await (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
    } else {
      const api = (globalThis as unknown as { chrome: { sidePanel: { open(o: object): Promise<void> } } })
        .chrome.sidePanel;
      await api.open({ tabId });
    }
  }

  getAllSites() {
    return sendRequest({ type: 'get-all-sites' });
  }

  getReport() {
    return sendRequest({ type: 'get-report' });
  }

  /**
   * Appends the risk to the settings in force and saves them (the background validates, stores in
   * storage.sync and re-grades). An entry the validation dropped is an error, with its reason.
   */
  async acceptRisk(risk: AcceptedRisk) {
    const current = await sendRequest({ type: 'get-settings' });
    const before = current.settings.acceptedRisks ?? [];
    const saved = await sendRequest({
      type: 'set-settings',
      settings: { ...current.settings, acceptedRisks: [...before, risk] },
    });
    const problem = saved.problems.find((p) => p.startsWith(`acceptedRisks[${before.length}]`));
    if (problem) throw new Error(problem);
  }

  exportReport(format: ReportFormat, scope: { tabId?: number } = {}) {
    return sendRequest({
      type: 'export-report',
      format,
      ...(scope.tabId !== undefined ? { tabId: scope.tabId } : {}),
    });
  }
}

/** The tab to audit: `?tabId=N` in the page URL (tests, screenshots), else the active tab. */
export async function resolveTabId(search: string = location.search): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
