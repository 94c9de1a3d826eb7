/** What the audit of this tab saw, and what it could not see (popup only). */
import type { JSX } from 'preact';
import type { TabView } from '../../messages.ts';
import { plural } from '../../ui/model.ts';
import { NoAccessGap } from './Access.tsx';
import { ReloadButton } from './ReloadButton.tsx';

/** What the audit saw, and what it could not see. */
export function CoverageLine({
  view,
  onReload,
  onRequestAccess,
}: {
  view: TabView;
  onReload?: () => void;
  onRequestAccess?: (origin: string) => Promise<boolean>;
}): JSX.Element {
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
    missing = <NoAccessGap origin={view.origin} onRequest={onRequestAccess} onReload={onReload} />;
  } else if (view.status === 'reload-to-audit') {
    missing = (
      <p class="coverage-gap">
        <strong>Reload the page to audit it.</strong>{' '}
        {c.startedUnwatched
          ? 'It started loading before Cookie Audit switched on: it listens to network traffic only while a tab shows a site you audit, so that other sites cost nothing. Its response headers were not seen; only the cookie jar was read.'
          : 'It loaded before Cookie Audit could see its response headers; only the cookie jar was read.'}
        <ReloadButton onReload={onReload} />
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
      {c.hostAccess && c.headersNotRead?.length ? (
        <p class="coverage-not-read muted">
          Not read, to keep pages fast: {c.headersNotRead.join(', ')} response headers (cookies they store
          still show from the jar; one the browser rejects there would not).
        </p>
      ) : null}
      {view.notice ? (
        <p class="coverage-gap" role="status">
          {view.notice}
        </p>
      ) : null}
    </section>
  );
}
