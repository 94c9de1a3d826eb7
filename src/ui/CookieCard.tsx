/**
 * One cookie: name, role, attributes at a glance, the value's shape (masked) with an explicit reveal,
 * its findings, and on expand the lessons. The revealed value lives in this component's state only:
 * it is dropped on "Hide", when the card unmounts (scrolled out of the window, popup closed) and when
 * the page is hidden. It is never written to storage, an attribute or the console.
 */
import type { JSX } from 'preact';
import { useId, useLayoutEffect, useState } from 'preact/hooks';
import type { AuditedCookie, CookieSetter, Framework, ValueInfo } from '../core/index.ts';
import { useDocument } from './contexts.tsx';
import { Heading } from './Heading.tsx';
import { useAnnounce } from './hooks.tsx';
import { FindingRow } from './Lesson.tsx';
import {
  type CookieRow,
  cookiePrefix,
  describeExpiry,
  formatBytes,
  plural,
  rejectReasonText,
  sameSiteText,
} from './model.ts';
import { RoleBadge } from './RoleBadge.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';

/** Keys of a readable payload that are not known claim or session names (counted, never named). */
function otherPayloadKeys(value: ValueInfo): number {
  return (value.payloadKeyCount ?? 0) - (value.payloadKeys?.length ?? 0);
}

export interface CookieCardProps {
  row: CookieRow;
  framework: Framework | 'generic';
  expanded: boolean;
  onToggle: (key: string) => void;
  /** Absent where no tab is at hand (the full-page report): no reveal button then. */
  onReveal?: (cookie: AuditedCookie) => Promise<string | null>;
  now: number;
  /** Level of the card's heading (3 in the popup, 4 in the report). */
  headingLevel?: 3 | 4;
}

type Chip = { text: string; tone: 'ok' | 'warn' | 'neutral' };

function attributeChips(c: AuditedCookie, now: number): Chip[] {
  const chips: Chip[] = [];
  chips.push(c.secure ? { text: 'Secure', tone: 'ok' } : { text: 'not Secure', tone: 'warn' });
  const httpOnlyMatters = c.role !== 'csrf';
  chips.push(
    c.httpOnly
      ? { text: 'HttpOnly', tone: 'ok' }
      : { text: 'not HttpOnly', tone: httpOnlyMatters && c.role === 'session' ? 'warn' : 'neutral' },
  );
  const ss = c.sameSite;
  chips.push({
    text: sameSiteText(ss),
    tone: ss === 'strict' || ss === 'lax' ? 'ok' : ss === 'none' && c.secure ? 'neutral' : 'warn',
  });
  chips.push(
    c.hostOnly ? { text: 'host-only', tone: 'ok' } : { text: `Domain=${c.domain}`, tone: 'neutral' },
  );
  chips.push({ text: `Path=${c.path}`, tone: 'neutral' });
  const prefix = cookiePrefix(c.name);
  chips.push(prefix ? { text: prefix, tone: 'ok' } : { text: 'no prefix', tone: 'neutral' });
  if (c.partitioned) chips.push({ text: 'Partitioned', tone: 'neutral' });
  if (c.sizeBytes !== undefined) chips.push({ text: formatBytes(c.sizeBytes), tone: 'neutral' });
  const expiry = describeExpiry(c.expires, now);
  chips.push({ text: expiry.long, tone: 'neutral' });
  return chips;
}

function ValueLine({
  value,
  cookieName,
  onReveal,
}: {
  value: ValueInfo;
  cookieName: string;
  onReveal?: () => Promise<string | null>;
}): JSX.Element {
  const announce = useAnnounce();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [state, setState] = useState<'hidden' | 'loading' | 'shown' | 'gone' | 'error'>('hidden');

  // Forget the value as soon as the page is hidden (popup closing, tab switched).
  useLayoutEffect(() => {
    const forget = () => {
      if (document.visibilityState === 'hidden') {
        setRevealed(null);
        setState((s) => (s === 'shown' ? 'hidden' : s));
      }
    };
    document.addEventListener('visibilitychange', forget);
    return () => document.removeEventListener('visibilitychange', forget);
  }, []);

  const reveal = async () => {
    if (!onReveal) return;
    setState('loading');
    try {
      const v = await onReveal();
      if (v === null) {
        setState('gone');
        announce('The browser no longer holds this cookie');
      } else {
        setRevealed(v);
        setState('shown');
        announce(`Value of ${cookieName} shown`);
      }
    } catch {
      setState('error');
      announce('Could not read the value');
    }
  };

  const hide = () => {
    setRevealed(null);
    setState('hidden');
    announce(`Value of ${cookieName} hidden`);
  };

  const facts = [plural(value.length, 'char'), `≈${Math.round(value.entropyBits)} bits`, value.format];
  return (
    <div class="value">
      <p class="value-facts">
        <span class="value-label">Value</span> <span class="value-mask">hidden</span> · {facts.join(' · ')}
        {value.payloadKeys && value.payloadKeys.length > 0 ? (
          <>
            {' · keys: '}
            {value.payloadKeys.map((k, i) => (
              <span key={`${i}:${k}`}>
                {i > 0 ? ', ' : ''}
                <code class="payload-key">{k}</code>
              </span>
            ))}
          </>
        ) : null}
        {otherPayloadKeys(value) > 0 ? ` · ${plural(otherPayloadKeys(value), 'other key')}` : null}
      </p>
      {state === 'shown' && revealed !== null ? (
        <p class="value-revealed">
          <code>{revealed}</code>
        </p>
      ) : null}
      {state === 'gone' ? <p class="muted">The browser no longer holds this cookie.</p> : null}
      {state === 'error' ? <p class="muted">The value could not be read.</p> : null}
      {onReveal ? (
        state === 'shown' ? (
          <button type="button" class="small" onClick={hide} aria-label={`Hide value of ${cookieName}`}>
            Hide value
          </button>
        ) : (
          <button
            type="button"
            class="small"
            onClick={reveal}
            disabled={state === 'loading'}
            aria-label={`Reveal value of ${cookieName}`}
          >
            {state === 'loading' ? 'Reading…' : 'Reveal value'}
          </button>
        )
      ) : null}
    </div>
  );
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url;
  }
}

/** "set by POST /login (302, main frame)", "set by a page script". */
export function setterSummary(s: CookieSetter): string {
  // Found in the jar with no Set-Cookie seen: a script wrote it, or a response before the listeners
  // saw this site (the first page of an audited site, a cookie from before access was granted).
  if (s.by === 'script') return 'a page script or an unseen response (no Set-Cookie seen)';
  const facts: string[] = [];
  if (s.status !== undefined) facts.push(String(s.status));
  if (s.mainFrame !== undefined) facts.push(s.mainFrame ? 'main frame' : 'subresource');
  return `${s.method ?? 'a response to'} ${pathOf(s.url)}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}

function when(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t)
    ? iso
    : new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }) +
        ' UTC';
}

/** Where the cookie came from: the first setter, and the last change when it is another one. */
export function Provenance({ cookie, full }: { cookie: AuditedCookie; full: boolean }): JSX.Element | null {
  const p = cookie.provenance;
  if (!p) return null;
  return (
    <p class="provenance">
      <span class="muted">Set by </span>
      <span class="setter" title={p.first.url}>
        {setterSummary(p.first)}
      </span>
      {full ? (
        <span class="muted">
          {' '}
          · {p.first.url} · {when(p.first.at)}
        </span>
      ) : null}
      {p.last ? (
        <>
          <span class="muted"> · last changed by </span>
          <span class="setter" title={p.last.url}>
            {setterSummary(p.last)}
          </span>
          {full ? (
            <span class="muted">
              {' '}
              · {p.last.url} · {when(p.last.at)}
            </span>
          ) : null}
        </>
      ) : null}
    </p>
  );
}

export function CookieCard({
  row,
  framework,
  expanded,
  onToggle,
  onReveal,
  now,
  headingLevel = 3,
}: CookieCardProps): JSX.Element {
  const id = useId();
  const doc = useDocument();
  const open = expanded || doc !== null;
  const c = row.cookie;
  const name = c.name === '' ? '(nameless cookie)' : c.name;
  const findings = c.findings;
  const chips = attributeChips(c, now);
  return (
    <article class={`card${row.worst ? ` worst-${row.worst}` : ' clean'}`} aria-labelledby={`${id}-name`}>
      <div class="card-head">
        <Heading level={headingLevel} class="card-title" id={`${id}-name`}>
          {doc ? (
            <span class="cookie-name">{name}</span>
          ) : (
            <button
              type="button"
              class="card-toggle"
              data-row-focus=""
              aria-expanded={expanded}
              aria-controls={`${id}-details`}
              onClick={() => onToggle(row.key)}
            >
              <span class="chevron" aria-hidden="true">
                ▸
              </span>
              <span class="cookie-name">{name}</span>
            </button>
          )}
        </Heading>
        <RoleBadge role={c.role} />
        {c.thirdParty ? <span class="badge third">third-party</span> : null}
        {row.worst ? (
          <SeverityBadge severity={row.worst} />
        ) : (
          <span class="badge sev sev-none">no findings</span>
        )}
      </div>
      <ul class="chips" aria-label="Attributes">
        {chips.map((chip) => (
          <li key={chip.text} class={`chip chip-${chip.tone}`}>
            {chip.text}
          </li>
        ))}
      </ul>
      <ValueLine
        value={c.value}
        cookieName={name}
        onReveal={onReveal && !c.deletion && !doc ? () => onReveal(c) : undefined}
      />
      <Provenance cookie={c} full={open} />
      {c.rejected && c.rejected.length > 0 ? (
        <p class="rejected">
          {c.storedDespiteRejection
            ? `Chrome, Edge and the cookie standard refuse it (${c.rejected.map(rejectReasonText).join('; ')}); this browser stored it anyway.`
            : `Rejected by the browser: ${c.rejected.map(rejectReasonText).join('; ')}`}
        </p>
      ) : null}
      {c.browserNote ? <p class="rejected">{`Note: ${c.browserNote}.`}</p> : null}
      {findings.length > 0 ? (
        <ul class="findings" aria-label={`Findings for ${name}`}>
          {findings.map((f, i) => (
            <FindingRow
              key={`${f.rule}:${i}`}
              finding={f}
              framework={framework}
              showLesson={open}
              cookieName={c.name}
            />
          ))}
        </ul>
      ) : null}
      {open ? (
        <div id={`${id}-details`} class="card-details">
          {c.evidence ? (
            <p class="evidence">
              <span class="muted">Seen as </span>
              <code>{c.evidence}</code>
            </p>
          ) : null}
          <p class="muted">
            Source: {c.source.join(' and ')}
            {c.domain ? ` · domain ${c.domain}` : ''}
          </p>
          {findings.length === 0 ? <p class="muted">Nothing to fix on this cookie.</p> : null}
        </div>
      ) : null}
    </article>
  );
}
