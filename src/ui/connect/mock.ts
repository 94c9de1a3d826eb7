/**
 * A stand-in for the background: the same actions as connector.ts, answered from fixtures, so that the
 * components run without the extension (component tests, benchmarks). Nothing is stored anywhere.
 */

import type { CookieAuditReport, Finding } from '../../core/index.ts';
import { listRules, REPORT_MIME, renderReport, reportFileName } from '../../core/index.ts';
import { lessonFor } from '../../lessons/index.ts';
import type { SiteSummary, TabView } from '../../messages.ts';
import { renderHtmlReport } from '../../report/html-report.tsx';
import {
  cleanSiteView,
  FIXTURE_NOW,
  hugeView,
  makeSiteSummaries,
  manyFindingsView,
  noHostAccessView,
  nonWebView,
  reloadToAuditView,
  waitingView,
} from './fixtures.ts';
import type { PopupActions, ReportActions, RevealRequest } from './types.ts';

export const MOCK_SCENARIOS = {
  clean: cleanSiteView,
  'many-findings': manyFindingsView,
  waiting: waitingView,
  'reload-to-audit': reloadToAuditView,
  'no-host-access': noHostAccessView,
  huge: hugeView,
  'non-web': nonWebView,
} as const satisfies Record<string, (tabId?: number) => TabView>;

export type MockScenario = keyof typeof MOCK_SCENARIOS;

export interface MockOptions {
  /** Sites for get-all-sites; defaults to makeSiteSummaries(). */
  sites?: SiteSummary[];
  /** What reveal-value answers; defaults to a made-up value derived from the cookie name. */
  reveal?: (request: RevealRequest) => string | null;
  /** What a request for access answers (default: granted). */
  grantAccess?: boolean;
}

export type MockActions = PopupActions &
  ReportActions & {
    /** Every action called, in order, with its argument (values revealed are not recorded). */
    calls: { action: string; arg?: unknown }[];
  };

/** Actions answering from a scenario or a given view; the view changes as the background's would. */
export function createMockActions(source: MockScenario | TabView, options: MockOptions = {}): MockActions {
  let view: TabView = typeof source === 'string' ? MOCK_SCENARIOS[source]() : source;
  const calls: MockActions['calls'] = [];
  return {
    calls,
    async getTabView(tabId) {
      calls.push({ action: 'getTabView', arg: tabId });
      return view;
    },
    async checkRedirect(tabId) {
      calls.push({ action: 'checkRedirect', arg: tabId });
      const host = view.origin ? new URL(view.origin).host : 'localhost';
      const redirects = view.audit?.grade.startsWith('A') ?? false;
      view = {
        ...view,
        redirectCheck: {
          requestedUrl: `http://${host}/`,
          status: redirects ? 301 : 200,
          location: redirects ? `https://${host}/` : null,
          observedAt: FIXTURE_NOW,
        },
      };
      return view;
    },
    async revealValue(request) {
      calls.push({
        action: 'revealValue',
        arg: { name: request.name, domain: request.domain, path: request.path },
      });
      return options.reveal ? options.reveal(request) : `mock-${request.name.length}-a1b2c3d4e5f6`;
    },
    openReport() {
      calls.push({ action: 'openReport' });
    },
    async reloadTab(tabId) {
      calls.push({ action: 'reloadTab', arg: tabId });
    },
    async requestAccess(origin) {
      calls.push({ action: 'requestAccess', arg: origin });
      return options.grantAccess ?? true;
    },
    async openSidePanel(tabId) {
      calls.push({ action: 'openSidePanel', arg: tabId });
    },
    async getAllSites() {
      calls.push({ action: 'getAllSites' });
      return options.sites ?? makeSiteSummaries();
    },
    async exportReport(format, scope = {}) {
      calls.push({ action: 'exportReport', arg: { format, ...scope } });
      // The tab's site when a tab is given (popup), else every site (full-page report).
      const all = await this.getReport();
      const report = scope.tabId !== undefined ? { ...all, sites: view.audit ? [view.audit] : [] } : all;
      return {
        filename: reportFileName(report, format),
        mime: REPORT_MIME[format],
        content: renderReport(report, format, {
          rules: listRules(),
          lessons: lessonFor,
          html: (r) => renderHtmlReport(r, { css: '', lessonFor }),
        }),
      };
    },
    async acceptRisk(risk) {
      calls.push({ action: 'acceptRisk', arg: risk });
      if (!view.audit) return;
      // As the background would: the matching findings are marked accepted (the grade is not redone).
      const mark = (f: Finding, cookie: string | null) =>
        f.rule === risk.rule && (risk.cookie === undefined || risk.cookie === cookie)
          ? { ...f, accepted: { reason: risk.reason, ...(risk.until ? { until: risk.until } : {}) } }
          : f;
      view = {
        ...view,
        audit: {
          ...view.audit,
          findings: view.audit.findings.map((f) => (risk.cookie === undefined ? mark(f, null) : f)),
          cookies: view.audit.cookies.map((c) => ({
            ...c,
            findings: c.findings.map((f) => mark(f, c.name)),
          })),
        },
      };
    },
    async getReport(): Promise<CookieAuditReport> {
      calls.push({ action: 'getReport' });
      const sites = (options.sites ?? makeSiteSummaries()).map((s) => s.audit);
      return {
        schema: 'cookie-audit-report/1',
        generator: { name: 'cookie-audit', version: '0.0.0-mock' },
        createdAt: new Date(FIXTURE_NOW).toISOString(),
        sites,
      };
    },
  };
}
