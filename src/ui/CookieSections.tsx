/**
 * The cookie lists of one site: first-party cookies (session cookies first, worst first), then the
 * third-party cookies in their own group, collapsed until asked for. Both lists are windowed.
 */
import type { JSX } from 'preact';
import { useCallback, useId, useMemo, useState } from 'preact/hooks';
import type { AuditedCookie, Framework } from '../core/index.ts';
import { CookieCard } from './CookieCard.tsx';
import { useDocument } from './contexts.tsx';
import { Heading } from './Heading.tsx';
import { type CookieGroups, type CookieRow, type Filter, matchesFilter, plural } from './model.ts';
import { VirtualList } from './VirtualList.tsx';

export interface CookieSectionsProps {
  groups: CookieGroups;
  filter: Filter;
  framework: Framework | 'generic';
  now: number;
  onReveal?: (cookie: AuditedCookie) => Promise<string | null>;
  /** Heading level of the two group titles (2 in the popup, 3 in the report). */
  headingLevel?: 2 | 3;
}

const getKey = (row: CookieRow) => row.key;

export function CookieSections({
  groups,
  filter,
  framework,
  now,
  onReveal,
  headingLevel = 2,
}: CookieSectionsProps): JSX.Element {
  const id = useId();
  const doc = useDocument();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [thirdPartyOpen, setThirdPartyOpen] = useState(false);

  const first = useMemo(() => groups.firstParty.filter((r) => matchesFilter(r, filter)), [groups, filter]);
  const third = useMemo(() => groups.thirdParty.filter((r) => matchesFilter(r, filter)), [groups, filter]);

  const onToggle = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  // Collapsed cards: head, chips, value line, one line per finding. Expanded: much taller.
  const estimateHeight = useCallback(
    (row: CookieRow) =>
      expanded.has(row.key) ? 420 + 260 * row.cookie.findings.length : 118 + 46 * row.cookie.findings.length,
    [expanded],
  );

  const cardLevel = headingLevel === 2 ? 3 : 4;
  const renderItem = (row: CookieRow) => (
    <CookieCard
      row={row}
      framework={framework}
      expanded={expanded.has(row.key)}
      onToggle={onToggle}
      onReveal={onReveal}
      now={now}
      headingLevel={cardLevel}
    />
  );

  const filtered = filter.text.trim() !== '' || filter.severity !== 'all';
  // A document lists every cookie (no windowing: nothing would ever scroll it into existence).
  const list = (rows: CookieRow[], label: string) =>
    doc ? (
      <ul class="vlist" aria-label={label}>
        {rows.map((row) => (
          <li key={row.key} class="vrow">
            {renderItem(row)}
          </li>
        ))}
      </ul>
    ) : (
      <VirtualList
        items={rows}
        getKey={getKey}
        estimateHeight={estimateHeight}
        renderItem={renderItem}
        label={label}
      />
    );
  const firstTotal = groups.firstParty.length;
  const thirdTotal = groups.thirdParty.length;

  return (
    <>
      <section class="cookies" aria-labelledby={`${id}-first`}>
        <Heading level={headingLevel} id={`${id}-first`} class="section-title">
          Cookies{' '}
          <span class="count">
            {filtered ? `${first.length} of ${firstTotal}` : firstTotal.toLocaleString('en')}
          </span>
        </Heading>
        {first.length > 0 ? (
          list(first, `First-party cookies, ${plural(first.length, 'cookie')}`)
        ) : (
          <p class="empty">
            {firstTotal === 0 ? 'No first-party cookie seen for this site.' : 'No cookie matches the filter.'}
          </p>
        )}
      </section>
      {thirdTotal > 0 ? (
        <section class="cookies third-party" aria-labelledby={`${id}-third`}>
          <Heading level={headingLevel} id={`${id}-third`} class="section-title">
            {doc ? (
              <>
                Third-party cookies <span class="count">{thirdTotal.toLocaleString('en')}</span>
              </>
            ) : (
              <button
                type="button"
                class="group-toggle"
                aria-expanded={thirdPartyOpen}
                aria-controls={`${id}-third-list`}
                onClick={() => setThirdPartyOpen(!thirdPartyOpen)}
              >
                <span class="chevron" aria-hidden="true">
                  ▸
                </span>
                Third-party cookies{' '}
                <span class="count">
                  {filtered ? `${third.length} of ${thirdTotal}` : thirdTotal.toLocaleString('en')}
                </span>
              </button>
            )}
          </Heading>
          {thirdPartyOpen || doc ? (
            <div id={`${id}-third-list`}>
              <p class="muted group-note">
                Set by responses from other sites embedded in this page; listed apart from the site's own
                cookies.
              </p>
              {third.length > 0 ? (
                list(third, `Third-party cookies, ${plural(third.length, 'cookie')}`)
              ) : (
                <p class="empty">No third-party cookie matches the filter.</p>
              )}
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
