import type { JSX } from 'preact';
import type { SiteCoverage } from '../core/index.ts';
import { plural } from './model.ts';

/** A report's coverage of one site: what was seen, and each blind spot ("what we could not see"). */
export function AuditCoverage({ coverage, origin }: { coverage: SiteCoverage; origin: string }): JSX.Element {
  const seen = [
    plural(coverage.headerCookies, 'Set-Cookie header'),
    plural(coverage.jarCookies, 'jar cookie'),
    plural(coverage.responses, 'response'),
  ];
  return (
    <section class="coverage" aria-label={`Coverage of ${origin}`}>
      <p class="coverage-seen">
        <span class="muted">Seen:</span> {seen.join(' · ')}
      </p>
      {coverage.gaps.length > 0 ? (
        <div class="coverage-gap">
          <strong>What this audit could not see</strong>
          <ul>
            {coverage.gaps.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
