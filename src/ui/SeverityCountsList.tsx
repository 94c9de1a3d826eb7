/** How many findings of each severity, as a list of badges. */
import type { JSX } from 'preact';
import { SEVERITIES } from '../core/index.ts';
import type { SeverityCounts } from './model.ts';
import { SeverityBadge } from './SeverityBadge.tsx';

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
