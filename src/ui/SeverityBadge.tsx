/** A finding's severity (optionally with a count) as a coloured badge. */
import type { JSX } from 'preact';
import type { Severity } from '../core/index.ts';
import { SEVERITY_LABELS } from './model.ts';

export function SeverityBadge({ severity, count }: { severity: Severity; count?: number }): JSX.Element {
  const label = SEVERITY_LABELS[severity] ?? severity;
  return (
    <span class={`badge sev sev-${severity}`}>
      {count === undefined ? label : `${count} ${label.toLowerCase()}`}
    </span>
  );
}
