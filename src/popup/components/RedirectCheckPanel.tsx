/** The HTTP→HTTPS redirect check: the button and its verdict (popup only). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { RedirectCheck } from '../../core/index.ts';

export function redirectVerdict(check: RedirectCheck): string {
  if (check.browserUpgraded === 'hsts')
    return `Could not test ${check.requestedUrl}: this browser upgraded the request to HTTPS itself (HSTS), so it never reached the server. Run the cookie-audit command line to test the site's own redirect.`;
  if (check.error) return `The check failed: ${check.error}`;
  if (check.status === null) return `Nothing answered at ${check.requestedUrl} (no plain-HTTP service).`;
  const from = safeUrl(check.requestedUrl);
  if (check.status >= 300 && check.status < 400 && check.location) {
    const to = safeUrl(check.location, check.requestedUrl);
    const hop = `${check.requestedUrl} → ${check.status} → ${check.location}`;
    if (!to) return `${hop}: the target is not a valid URL.`;
    if (to.protocol === 'https:' && from && to.hostname === from.hostname)
      return `${hop}: redirects to HTTPS.`;
    if (to.protocol === 'https:') return `${hop}: redirects to HTTPS on another host.`;
    return `${hop}: the first hop stays on plain HTTP.`;
  }
  return `${check.requestedUrl} answered ${check.status} without redirecting to HTTPS.`;
}

function safeUrl(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

export function RedirectCheckPanel({
  check,
  disabled,
  onCheck,
}: {
  check: RedirectCheck | undefined;
  disabled: boolean;
  onCheck: () => Promise<void>;
}): JSX.Element {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onCheck();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="redirect" aria-label="HTTP to HTTPS redirect">
      <button type="button" onClick={run} disabled={disabled || busy}>
        {busy ? 'Checking…' : 'Check HTTP→HTTPS redirect'}
      </button>
      {check ? <p class="redirect-result">{redirectVerdict(check)}</p> : null}
    </section>
  );
}
