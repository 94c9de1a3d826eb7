/** The findings about the site as a whole (HSTS, redirects, logins), worst first. */
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import type { Finding, Framework } from '../core/index.ts';
import { Heading } from './Heading.tsx';
import { FindingRow } from './Lesson.tsx';
import { type Filter, findingMatchesFilter } from './model.ts';

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
