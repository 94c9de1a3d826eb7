/**
 * What the popup and the report page need from the outside world. Components take `data` (view
 * models from src/messages.ts) and `actions` (this interface): connector.ts implements it with real
 * messages to the background, mock.ts with fixtures, so every component runs without the extension.
 */
import type { AcceptedRisk, CookieAuditReport, ReportFormat } from '../../core/index.ts';
import type { ExportedReport, RequestOf, SiteSummary, TabView } from '../../messages.ts';

/** Which cookie to reveal: the `reveal-value` request without its type. */
export type RevealRequest = Omit<RequestOf<'reveal-value'>, 'type'>;

export interface PopupActions {
  /** The view model of one tab (`get-tab-view`). */
  getTabView(tabId: number): Promise<TabView>;
  /** Ask the background to request http://host/ without following redirects (`check-redirect`). */
  checkRedirect(tabId: number): Promise<TabView>;
  /**
   * One cookie's value, read from the jar on explicit request (`reveal-value`). The caller keeps it
   * in component state only: never persisted, never logged. Null when the jar no longer has it.
   */
  revealValue(request: RevealRequest): Promise<string | null>;
  /** Open the full-page report in a new tab. */
  openReport(): void | Promise<void>;
  /** Reload the audited tab (for "reload to audit"). */
  reloadTab(tabId: number): Promise<void>;
  /** The tab's site report rendered as JSON, Markdown, SARIF, CSV or HTML (`export-report`). */
  exportReport(format: ReportFormat, scope: { tabId: number }): Promise<ExportedReport>;
  /** Adds an accepted risk to the settings (which re-grades the open tabs); rejects when invalid. */
  acceptRisk(risk: AcceptedRisk): Promise<void>;
  /**
   * Ask the browser for access to one origin (permissions.request, in the click's turn); true when
   * granted. Absent where access cannot be asked for (the full-page report).
   */
  requestAccess?(origin: string): Promise<boolean>;
  /** Open the side panel (Chrome) or sidebar (Firefox) for this window; absent inside the side panel. */
  openSidePanel?(tabId: number): Promise<void>;
}

export interface ReportActions {
  /** Every site seen in this browser session (`get-all-sites`). */
  getAllSites(): Promise<SiteSummary[]>;
  /** The JSON report (`get-report`). */
  getReport(): Promise<CookieAuditReport>;
  /** Every site's report rendered as JSON, Markdown or SARIF (`export-report`), offered as a download. */
  exportReport(format: ReportFormat, scope?: { tabId?: number }): Promise<ExportedReport>;
  /** Adds an accepted risk to the settings (which re-grades the open tabs); rejects when invalid. */
  acceptRisk(risk: AcceptedRisk): Promise<void>;
}
