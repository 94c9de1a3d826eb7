/** Filter the cookie list by text and severity. */
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { type Filter, SEVERITY_LABELS, type SeverityFilter } from './model.ts';

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
