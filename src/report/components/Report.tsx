/**
 * The full-page report: every site seen in this browser session, for a reviewer's overview. An
 * overview table first, then each site with the popup's own pieces (header, site findings, cookies).
 */
import type { JSX } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { ReportFormat } from '../../core/index.ts';
import type { SiteSummary } from '../../messages.ts';
import { CookieSections } from '../../ui/CookieSections.tsx';
import type { ReportActions } from '../../ui/connect/types.ts';
import { ExportButtons, saveExport } from '../../ui/Export.tsx';
import { Filters } from '../../ui/Filters.tsx';
import { AnnounceContext, useLiveRegion, useLoaded } from '../../ui/hooks.tsx';
import { EMPTY_FILTER, type Filter, groupCookies, primaryFramework, siteCounts } from '../../ui/model.ts';
import { SiteFindings } from '../../ui/SiteFindings.tsx';
import { SiteHeader } from '../../ui/SiteHeader.tsx';

function siteAnchor(index: number): string {
  return `site-${index + 1}`;
}

function SiteSection({
  summary,
  index,
  filter,
  now,
}: {
  summary: SiteSummary;
  index: number;
  filter: Filter;
  now: number;
}): JSX.Element {
  const audit = summary.audit;
  const groups = useMemo(() => groupCookies(audit), [audit]);
  const framework = primaryFramework(audit);
  const scheme = audit.origin.startsWith('https:')
    ? 'https'
    : audit.origin.startsWith('http:')
      ? 'http'
      : null;
  const headingId = `${siteAnchor(index)}-title`;
  return (
    <section class="site-report" id={siteAnchor(index)} aria-labelledby={headingId}>
      <SiteHeader
        origin={audit.origin}
        scheme={scheme}
        audit={audit}
        graded
        counts={siteCounts(audit)}
        level={2}
        headingId={headingId}
      />
      <p class="muted">
        Page audited: <span class="url">{audit.url}</span> · last seen{' '}
        {new Date(summary.lastSeen).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
      </p>
      <SiteFindings findings={audit.findings} framework={framework} filter={filter} level={3} />
      <CookieSections groups={groups} filter={filter} framework={framework} now={now} headingLevel={3} />
    </section>
  );
}

export function Report({
  sites,
  now,
  onDownload,
}: {
  sites: readonly SiteSummary[];
  now?: number;
  /** Builds and saves the report of every site in a format (JSON, Markdown, SARIF). */
  onDownload?: (format: ReportFormat) => Promise<void>;
}): JSX.Element {
  const [filter, setFilter] = useState<Filter>(EMPTY_FILTER);
  const [region, announce] = useLiveRegion();
  const clock = now ?? Date.now();
  const ordered = useMemo(() => [...sites].sort((a, b) => b.lastSeen - a.lastSeen), [sites]);

  return (
    <AnnounceContext.Provider value={announce}>
      <main class="report-main">
        <header class="report-header">
          <h1>Cookie Audit: sites seen in this browser session</h1>
          {onDownload ? (
            <ExportButtons
              label="Download the report of every site"
              verb="Download"
              announce={announce}
              onExport={onDownload}
            />
          ) : null}
        </header>
        {ordered.length === 0 ? (
          <p class="empty">
            No site has been audited yet in this browser session. Browse a site, then come back.
          </p>
        ) : (
          <>
            <table class="overview">
              <caption>Overview, most recent first</caption>
              <thead>
                <tr>
                  <th scope="col">Site</th>
                  <th scope="col">Grade</th>
                  <th scope="col">High</th>
                  <th scope="col">Medium</th>
                  <th scope="col">Low</th>
                  <th scope="col">Info</th>
                  <th scope="col">Cookies</th>
                </tr>
              </thead>
              <tbody>
                {ordered.map((s, i) => {
                  const c = siteCounts(s.audit);
                  return (
                    <tr key={`${s.audit.origin}:${i}`}>
                      <th scope="row">
                        <a href={`#${siteAnchor(i)}`}>{s.audit.origin}</a>
                      </th>
                      <td>{s.audit.grade}</td>
                      <td>{c.high}</td>
                      <td>{c.medium}</td>
                      <td>{c.low}</td>
                      <td>{c.info}</td>
                      <td>{s.audit.cookies.length}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Filters filter={filter} onChange={setFilter} />
            {ordered.map((s, i) => (
              <SiteSection key={`${s.audit.origin}:${i}`} summary={s} index={i} filter={filter} now={clock} />
            ))}
          </>
        )}
        {region}
      </main>
    </AnnounceContext.Provider>
  );
}

/** Saves every site's report in a format through a temporary object URL (nothing leaves the browser). */
export async function downloadReport(actions: ReportActions, format: ReportFormat): Promise<void> {
  saveExport(await actions.exportReport(format));
}

export function ReportApp({ actions, now }: { actions: ReportActions; now?: number }): JSX.Element {
  const { value: sites, error } = useLoaded(useCallback(() => actions.getAllSites(), [actions]));
  if (error !== null) {
    return (
      <main class="report-main">
        <h1>Cookie Audit</h1>
        <p role="alert">Could not load the sites: {error}</p>
      </main>
    );
  }
  if (sites === null) {
    return (
      <main class="report-main" aria-busy="true">
        <h1>Cookie Audit</h1>
        <p role="status">Loading…</p>
      </main>
    );
  }
  return <Report sites={sites} now={now} onDownload={(format) => downloadReport(actions, format)} />;
}
