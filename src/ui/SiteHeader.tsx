/** A site's header: origin, grade gauge, counts and the detected framework. */
import type { JSX } from 'preact';
import type { Framework, SiteAudit } from '../core/index.ts';
import { FRAMEWORK_NAMES } from '../core/index.ts';
import { GradeGauge } from './GradeGauge.tsx';
import { Heading, type HeadingLevel } from './Heading.tsx';
import type { SeverityCounts } from './model.ts';
import { SeverityCountsList } from './SeverityCountsList.tsx';

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
