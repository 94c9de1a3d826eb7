/** A finding's explanation: why it matters, the fix per framework (detected one first), the mistakes. */
import type { JSX } from 'preact';
import { useContext, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Finding, Framework } from '../core/index.ts';
import { FIX_LABELS, type FixKey, fixKeyFor, orderedFixKeys } from '../lessons/fix-keys.ts';
import titles from '../lessons/titles.json' with { type: 'json' };
import { CopyButton } from './CopyButton.tsx';
import { AcceptRiskContext, SiteOriginContext, useDocument } from './contexts.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';

type LessonsModule = typeof import('../lessons/index.ts');

let lessonsModule: LessonsModule | undefined;
let lessonsLoading: Promise<LessonsModule> | undefined;

/**
 * The lesson texts are half of the popup's code by weight, and most visits never open one: they load
 * the first time an explanation is shown (titles, needed for every finding, come with the popup).
 */
function loadLessons(): Promise<LessonsModule> {
  lessonsLoading ??= import('../lessons/index.ts').then((m) => {
    lessonsModule = m;
    return m;
  });
  return lessonsLoading;
}

/** The lessons module once loaded; `null` if it could not be. A document has them at once. */
function useLessons(): Pick<LessonsModule, 'lessonFor'> | undefined | null {
  const doc = useDocument();
  const [loaded, setLoaded] = useState<Pick<LessonsModule, 'lessonFor'> | undefined | null>(
    doc ?? lessonsModule,
  );
  // Once per mounted view: a failed load shows the fallback until the explanation is opened again.
  useEffect(() => {
    if (loaded !== undefined) return;
    let live = true;
    loadLessons().then(
      (m) => live && setLoaded(m),
      () => {
        lessonsLoading = undefined; // let a later opening try again
        if (live) setLoaded(null);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}

export function FixTabs({
  fixes,
  framework,
  title,
}: {
  fixes: Record<FixKey, string>;
  framework: Framework | 'generic';
  title: string;
}): JSX.Element {
  const id = useId();
  const keys = orderedFixKeys(framework);
  const detected = fixKeyFor(framework);
  const [selected, setSelected] = useState<FixKey>(keys[0]);
  const tabRefs = useRef<Partial<Record<FixKey, HTMLButtonElement | null>>>({});

  const select = (key: FixKey, focus: boolean) => {
    setSelected(key);
    if (focus) tabRefs.current[key]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const i = keys.indexOf(selected);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (i + 1) % keys.length;
    else if (event.key === 'ArrowLeft') next = (i - 1 + keys.length) % keys.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = keys.length - 1;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    select(keys[next], true);
  };

  const tabLabel = (key: FixKey) =>
    key === detected && key !== 'generic' ? `${FIX_LABELS[key]} (detected)` : FIX_LABELS[key];

  return (
    <div class="fix">
      <div role="tablist" aria-label={`How to fix: ${title}`} class="fix-tabs" onKeyDown={onKeyDown}>
        {keys.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`${id}-tab-${key}`}
            aria-selected={key === selected}
            aria-controls={`${id}-panel-${key}`}
            tabIndex={key === selected ? 0 : -1}
            class="fix-tab"
            data-fix={key}
            ref={(el) => {
              tabRefs.current[key] = el;
            }}
            onClick={() => select(key, false)}
          >
            {tabLabel(key)}
          </button>
        ))}
      </div>
      {keys.map((key) => (
        <div
          key={key}
          role="tabpanel"
          id={`${id}-panel-${key}`}
          aria-labelledby={`${id}-tab-${key}`}
          hidden={key !== selected}
          class="fix-panel"
        >
          <pre class="snippet">
            <code>{fixes[key]}</code>
          </pre>
          <CopyButton text={fixes[key]} label={`Copy the ${FIX_LABELS[key]} fix`} />
        </div>
      ))}
    </div>
  );
}

export function LessonView({
  finding,
  framework,
}: {
  finding: Finding;
  framework: Framework | 'generic';
}): JSX.Element {
  const doc = useDocument();
  const loaded = useLessons();
  if (loaded === undefined) {
    return (
      <div class="lesson" aria-busy="true">
        <p class="muted">Loading the explanation…</p>
      </div>
    );
  }
  const lesson = loaded?.lessonFor(finding.rule);
  if (doc) {
    // A document: the explanation and the fix for the detected framework, as printed text.
    const key = fixKeyFor(framework);
    const fix = lesson?.fixes[key] ?? finding.fix?.text;
    return (
      <div class="lesson">
        {lesson ? (
          <p class="why">
            <strong>Why it matters. </strong>
            {lesson.why}
          </p>
        ) : null}
        {fix ? (
          <div class="fix">
            <p class="fix-label">
              <strong>How to fix</strong> ({FIX_LABELS[key]}
              {key !== 'generic' ? ', detected' : ''})
            </p>
            <pre class="snippet">
              <code>{fix}</code>
            </pre>
          </div>
        ) : null}
        {lesson && lesson.mistakes.length > 0 ? (
          <div class="mistakes">
            <strong>Common mistakes</strong>
            <ul>
              {lesson.mistakes.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    );
  }
  if (!lesson) {
    // A rule newer than this build's lessons: show what the engine said.
    return (
      <div class="lesson">
        {finding.fix ? (
          <div class="fix">
            <pre class="snippet">
              <code>{finding.fix.text}</code>
            </pre>
            <CopyButton text={finding.fix.text} label="Copy the fix" />
          </div>
        ) : (
          <p class="muted">No explanation is available for this rule yet.</p>
        )}
      </div>
    );
  }
  return (
    <div class="lesson">
      <p class="why">
        <strong>Why it matters. </strong>
        {lesson.why}
      </p>
      <FixTabs fixes={lesson.fixes} framework={framework} title={lesson.title} />
      <div class="mistakes">
        <strong>Common mistakes</strong>
        <ul>
          {lesson.mistakes.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

const TITLES: Readonly<Record<string, string>> = titles;

export function findingTitle(finding: Finding): string {
  return Object.hasOwn(TITLES, finding.rule) ? TITLES[finding.rule] : finding.rule;
}

/** One finding line: severity, title, message; optionally with its own "why and how to fix" toggle. */
export function FindingRow({
  finding,
  framework,
  disclosure,
  showLesson,
  cookieName = null,
}: {
  finding: Finding;
  framework: Framework | 'generic';
  /** Give the row its own expand button (site findings). */
  disclosure?: boolean;
  /** Show the lesson under the row (cookie cards when expanded). */
  showLesson?: boolean;
  /** The cookie the finding is on; null for a site finding. */
  cookieName?: string | null;
}): JSX.Element {
  const id = useId();
  const doc = useDocument();
  const acceptRisk = useContext(AcceptRiskContext);
  const origin = useContext(SiteOriginContext);
  const [open, setOpen] = useState(false);
  const expanded = doc !== null || showLesson || (disclosure && open);
  const accepted = finding.accepted;
  return (
    <li class={`finding sev-border-${finding.severity}${accepted ? ' accepted' : ''}`}>
      <div class="finding-line">
        {finding.baselineState === 'new' ? <span class="badge new">NEW</span> : null}
        <SeverityBadge severity={finding.severity} />
        <span class="finding-title">{findingTitle(finding)}</span>
        <code class="rule-id">{finding.rule}</code>
      </div>
      <p class="finding-message">{finding.message}</p>
      {accepted ? (
        <p class="accepted-note">
          <span class="badge accepted">accepted risk</span> {accepted.reason}
          {accepted.until ? <span class="muted"> · until {accepted.until}</span> : null}
          <span class="muted"> · not graded</span>
        </p>
      ) : null}
      {expanded && finding.evidence ? (
        <p class="evidence">
          <span class="visually-hidden">Evidence: </span>
          <code>{finding.evidence}</code>
        </p>
      ) : null}
      {disclosure && doc === null ? (
        <button
          type="button"
          class="link-button"
          aria-expanded={open}
          aria-controls={`${id}-lesson`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide the explanation' : 'Why, and how to fix it'}
        </button>
      ) : null}
      {acceptRisk && origin && !accepted && doc === null ? (
        <button
          type="button"
          class="link-button accept-risk"
          onClick={() => acceptRisk({ finding, cookie: cookieName, origin })}
        >
          Accept risk…
        </button>
      ) : null}
      {expanded ? (
        <div id={`${id}-lesson`}>
          <LessonView finding={finding} framework={framework} />
        </div>
      ) : null}
    </li>
  );
}
