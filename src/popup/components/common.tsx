/** Small shared pieces: headings by level, badges, the copy button and the live-region context. */
import type { ComponentChildren, JSX } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { CookieRole, Severity } from '../../core/types.ts';
import { ROLE_LABELS, SEVERITY_LABELS } from '../model.ts';

/** Sends a short message to the page's polite live region (role="status"). */
export const AnnounceContext = createContext<(message: string) => void>(() => {});

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

export type HeadingLevel = 1 | 2 | 3 | 4;

export function Heading(props: {
  level: HeadingLevel;
  id?: string;
  class?: string;
  children: ComponentChildren;
}): JSX.Element {
  const { level, children, ...rest } = props;
  if (level === 1) return <h1 {...rest}>{children}</h1>;
  if (level === 2) return <h2 {...rest}>{children}</h2>;
  if (level === 3) return <h3 {...rest}>{children}</h3>;
  return <h4 {...rest}>{children}</h4>;
}

export function SeverityBadge({ severity, count }: { severity: Severity; count?: number }): JSX.Element {
  const label = SEVERITY_LABELS[severity] ?? severity;
  return (
    <span class={`badge sev sev-${severity}`}>
      {count === undefined ? label : `${count} ${label.toLowerCase()}`}
    </span>
  );
}

export function RoleBadge({ role }: { role: CookieRole }): JSX.Element {
  return <span class={`badge role role-${role}`}>{ROLE_LABELS[role] ?? role}</span>;
}

/** Copies a snippet with navigator.clipboard and says so, visibly and in the live region. */
export function CopyButton({ text, label }: { text: string; label: string }): JSX.Element {
  const announce = useAnnounce();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    let next: 'copied' | 'failed' = 'copied';
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
    } catch {
      next = 'failed';
    }
    setState(next);
    announce(
      next === 'copied' ? 'Copied to the clipboard' : 'Could not copy: select the text and copy it by hand',
    );
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  };

  return (
    <button type="button" class="copy" aria-label={label} onClick={copy}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

/**
 * Loads something once (per change of `load`) for a page: null while loading, the error's message
 * when it failed. Answers that arrive after the page moved on are dropped.
 */
export function useLoaded<T>(load: () => Promise<T>): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (v) => !cancelled && setValue(v),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [load]);
  return { value, error };
}
