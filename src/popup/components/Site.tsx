/** Site-level pieces: header with grade gauge, coverage line, redirect check, site findings, filters. */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { Finding, Framework, Grade, RedirectCheck, SiteAudit } from '../../core/types.ts';
import { FRAMEWORK_NAMES, SEVERITIES } from '../../core/types.ts';
import type { TabView } from '../../messages.ts';
import {
  type Filter,
  findingMatchesFilter,
  gradeTone,
  plural,
  SEVERITY_LABELS,
  type SeverityCounts,
  type SeverityFilter,
} from '../model.ts';
import { Heading, type HeadingLevel, SeverityBadge } from './common.tsx';
import { FindingRow } from './Lesson.tsx';

const RING = 2 * Math.PI * 22;

/** Grade letter inside a ring filled in proportion to the score (capped at 100). */
export function GradeGauge({ grade, score }: { grade: Grade | null; score: number | null }): JSX.Element {
  if (grade === null || score === null) {
    return (
      <div class="gauge tone-none" role="img" aria-label="Not graded">
        <svg viewBox="0 0 52 52" aria-hidden="true" width="52" height="52">
          <circle class="gauge-track" cx="26" cy="26" r="22" />
        </svg>
        <span class="gauge-letter" aria-hidden="true">
          ?
        </span>
      </div>
    );
  }
  const fraction = Math.max(0, Math.min(1, score / 100));
  return (
    <div class={`gauge tone-${gradeTone(grade)}`} role="img" aria-label={`Grade ${grade}, score ${score}`}>
      <svg viewBox="0 0 52 52" aria-hidden="true" width="52" height="52">
        <circle class="gauge-track" cx="26" cy="26" r="22" />
        {fraction > 0 ? (
          <circle
            class="gauge-fill"
            cx="26"
            cy="26"
            r="22"
            stroke-dasharray={`${(fraction * RING).toFixed(1)} ${RING.toFixed(1)}`}
            transform="rotate(-90 26 26)"
          />
        ) : null}
      </svg>
      <span class="gauge-letter" aria-hidden="true">
        {grade}
      </span>
    </div>
  );
}

export function SeverityCountsList({
  counts,
  label,
}: {
  counts: SeverityCounts;
  label: string;
}): JSX.Element {
  return (
    <ul class="counts" aria-label={label}>
      {SEVERITIES.map((s) => (
        <li key={s}>
          <SeverityBadge severity={s} count={counts[s]} />
        </li>
      ))}
    </ul>
  );
}

export function frameworkText(frameworks: readonly Framework[] | undefined): string {
  if (!frameworks || frameworks.length === 0) return 'not recognised (generic fixes shown)';
  return frameworks.map((f) => FRAMEWORK_NAMES[f] ?? f).join(', ');
}

export interface SiteHeaderProps {
  origin: string | null;
  scheme: 'http' | 'https' | null;
  audit: SiteAudit | null;
  /** False: show "Not graded" and this reason instead of a grade (never a clean grade by default). */
  graded: boolean;
  notGradedReason?: string;
  counts: SeverityCounts | null;
  level?: HeadingLevel;
  headingId?: string;
}

export function SiteHeader(props: SiteHeaderProps): JSX.Element {
  const { origin, scheme, audit, graded, counts, level = 1 } = props;
  return (
    <header class="site">
      <div class="site-id">
        <Heading level={level} class="origin" id={props.headingId}>
          {origin ?? 'This page'}
        </Heading>
        {scheme ? (
          <span class={`badge scheme scheme-${scheme}`}>
            {scheme === 'https' ? 'HTTPS' : 'HTTP, not encrypted'}
          </span>
        ) : null}
      </div>
      <div class="grade-row">
        <GradeGauge
          grade={graded && audit ? audit.grade : null}
          score={graded && audit ? audit.score : null}
        />
        <div class="grade-facts">
          {graded && audit ? (
            <p class="grade-line">
              Grade <strong>{audit.grade}</strong> <span class="muted">(score {audit.score})</span>
            </p>
          ) : (
            <p class="grade-line">
              <strong>Not graded</strong>
              {props.notGradedReason ? <span class="muted"> · {props.notGradedReason}</span> : null}
            </p>
          )}
          {counts ? <SeverityCountsList counts={counts} label="Findings by severity" /> : null}
          {audit ? (
            <p class="framework">
              <span class="muted">Framework:</span> {frameworkText(audit.frameworks)}
            </p>
          ) : null}
        </div>
      </div>
    </header>
  );
}

/** What the audit saw, and what it could not see. */
export function CoverageLine({ view, onReload }: { view: TabView; onReload?: () => void }): JSX.Element {
  const c = view.coverage;
  const seen = [
    plural(c.headerCookies, 'Set-Cookie header'),
    plural(c.jarCookies, 'jar cookie'),
    `${c.partitionedCookies.toLocaleString('en')} partitioned`,
    `${c.thirdPartyCookies.toLocaleString('en')} third-party`,
    plural(c.responses, 'response'),
  ];
  let missing: JSX.Element | null = null;
  if (!c.hostAccess) {
    missing = (
      <p class="coverage-gap">
        <strong>No access to this site.</strong> Cookie Audit cannot read its cookies or headers; allow it on
        this site (extension menu → site access) to audit it.
      </p>
    );
  } else if (view.status === 'reload-to-audit') {
    missing = (
      <p class="coverage-gap">
        <strong>Reload the page to audit it.</strong> It loaded before Cookie Audit could see its response
        headers; only the cookie jar was read.
        {onReload ? (
          <>
            {' '}
            <button type="button" class="small" onClick={onReload}>
              Reload page
            </button>
          </>
        ) : null}
      </p>
    );
  } else if (view.status === 'waiting') {
    missing = (
      <p class="coverage-gap">
        <strong>Nothing seen yet.</strong> No response or cookie has been observed for this page; browse or
        reload it.
      </p>
    );
  }
  return (
    <section class="coverage" aria-label="Coverage">
      <p class="coverage-seen">
        <span class="muted">Seen:</span> {seen.join(' · ')}
      </p>
      {missing}
      {view.notice ? (
        <p class="coverage-gap" role="status">
          {view.notice}
        </p>
      ) : null}
    </section>
  );
}

export function redirectVerdict(check: RedirectCheck): string {
  if (check.error) return `The check failed: ${check.error}`;
  if (check.status === null) return `Nothing answered at ${check.requestedUrl} (no plain-HTTP service).`;
  const from = safeUrl(check.requestedUrl);
  if (check.status >= 300 && check.status < 400 && check.location) {
    const to = safeUrl(check.location, check.requestedUrl);
    const hop = `${check.requestedUrl} → ${check.status} → ${check.location}`;
    if (!to) return `${hop}: the target is not a valid URL.`;
    if (to.protocol === 'https:' && from && to.hostname === from.hostname)
      return `${hop}: redirects to HTTPS.`;
    if (to.protocol === 'https:') return `${hop}: redirects to HTTPS on another host.`;
    return `${hop}: the first hop stays on plain HTTP.`;
  }
  return `${check.requestedUrl} answered ${check.status} without redirecting to HTTPS.`;
}

function safeUrl(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

export function RedirectCheckPanel({
  check,
  disabled,
  onCheck,
}: {
  check: RedirectCheck | undefined;
  disabled: boolean;
  onCheck: () => Promise<void>;
}): JSX.Element {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onCheck();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="redirect" aria-label="HTTP to HTTPS redirect">
      <button type="button" onClick={run} disabled={disabled || busy}>
        {busy ? 'Checking…' : 'Check HTTP→HTTPS redirect'}
      </button>
      {check ? <p class="redirect-result">{redirectVerdict(check)}</p> : null}
    </section>
  );
}

export function SiteFindings({
  findings,
  framework,
  filter,
  level = 2,
}: {
  findings: readonly Finding[];
  framework: Framework | 'generic';
  filter: Filter;
  level?: 2 | 3;
}): JSX.Element | null {
  const id = useId();
  if (findings.length === 0) return null;
  const shown = findings.filter((f) => findingMatchesFilter(f, filter));
  return (
    <section class="site-findings" aria-labelledby={`${id}-h`}>
      <Heading level={level} id={`${id}-h`} class="section-title">
        Site{' '}
        <span class="count">
          {shown.length === findings.length ? findings.length : `${shown.length} of ${findings.length}`}
        </span>
      </Heading>
      {shown.length > 0 ? (
        <ul class="findings" aria-label="Site findings">
          {shown.map((f, i) => (
            <FindingRow key={`${f.rule}:${i}`} finding={f} framework={framework} disclosure />
          ))}
        </ul>
      ) : (
        <p class="empty">No site finding matches the filter.</p>
      )}
    </section>
  );
}

const SEVERITY_OPTIONS: { value: SeverityFilter; label: string }[] = [
  { value: 'all', label: 'All cookies' },
  { value: 'high', label: `${SEVERITY_LABELS.high} only` },
  { value: 'medium', label: `${SEVERITY_LABELS.medium} or worse` },
  { value: 'low', label: `${SEVERITY_LABELS.low} or worse` },
  { value: 'info', label: 'Any finding' },
];

export function Filters({
  filter,
  onChange,
}: {
  filter: Filter;
  onChange: (f: Filter) => void;
}): JSX.Element {
  const id = useId();
  return (
    <search class="filters">
      <label class="visually-hidden" for={`${id}-text`}>
        Filter cookies by text
      </label>
      <input
        id={`${id}-text`}
        type="search"
        placeholder="Filter: name, domain, rule…"
        value={filter.text}
        onInput={(e) => onChange({ ...filter, text: (e.currentTarget as HTMLInputElement).value })}
      />
      <label class="visually-hidden" for={`${id}-sev`}>
        Filter by severity
      </label>
      <select
        id={`${id}-sev`}
        value={filter.severity}
        onChange={(e) =>
          onChange({ ...filter, severity: (e.currentTarget as HTMLSelectElement).value as SeverityFilter })
        }
      >
        {SEVERITY_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </search>
  );
}
