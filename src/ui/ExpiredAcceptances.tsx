import type { JSX } from 'preact';
import { type AcceptedRisk, expiredText } from '../core/index.ts';

/** A warning per accepted risk that has expired: it covers its findings no more. */
export function ExpiredAcceptances({
  risks,
}: {
  risks: readonly AcceptedRisk[] | undefined;
}): JSX.Element | null {
  if (!risks || risks.length === 0) return null;
  return (
    <>
      {risks.map((r) => (
        <p key={`${r.rule}:${r.cookie ?? ''}:${r.site ?? ''}:${r.until}`} class="warning" role="note">
          <strong>Expired acceptance.</strong> {expiredText(r)}
        </p>
      ))}
    </>
  );
}
