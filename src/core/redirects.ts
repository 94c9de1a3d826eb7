/**
 * HTTP → HTTPS redirect analysis, as MDN Observatory's redirection test and the HSTS preload
 * checker do it: the first hop from http:// must go to https:// on the same host, and the chain
 * must end on https://. Inputs are browsing facts: the explicit probe of http://host/
 * (redirectCheck), redirects seen while browsing, and plain-HTTP main-frame responses.
 */
import { urlInfo } from './domain.ts';
import type { SiteFacts } from './rules/types.ts';

export interface RedirectVerdict {
  /** Evidence when http:// is served without a redirect to https://. */
  missing?: string;
  /** Evidence when the first redirect from http:// goes to another http:// URL. */
  insecureHop?: string;
  /** Evidence when the http → https hop changes host. */
  offHost?: string;
}

const cache = new WeakMap<SiteFacts, RedirectVerdict>();

function resolve(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function isRedirect(status: number | null): boolean {
  return status !== null && status >= 300 && status < 400;
}

export function analyseRedirects(site: SiteFacts): RedirectVerdict {
  const cached = cache.get(site);
  if (cached) return cached;
  const verdict: RedirectVerdict = {};
  cache.set(site, verdict);
  const o = site.observations;
  const next = new Map<string, string>();
  for (const r of o.redirects) if (!next.has(r.from)) next.set(r.from, resolve(r.to, r.from));

  let first: { from: string; to: string } | null = null;
  const check = o.redirectCheck;
  if (check && check.status !== null) {
    if (isRedirect(check.status) && check.location) {
      first = { from: check.requestedUrl, to: resolve(check.location, check.requestedUrl) };
    } else {
      verdict.missing = `GET ${check.requestedUrl} answered ${check.status} without redirecting to https://`;
      return verdict;
    }
  }
  if (!first) {
    for (const r of o.redirects) {
      const u = urlInfo(r.from);
      if (u.scheme === 'http' && u.host === site.host) {
        first = { from: r.from, to: resolve(r.to, r.from) };
        break;
      }
    }
  }
  if (!first) {
    const served = o.responses.find((r) => {
      const u = urlInfo(r.url);
      return r.mainFrame && u.scheme === 'http' && u.host === site.host && !isRedirect(r.status);
    });
    if (served)
      verdict.missing = `${served.url} answered ${served.status} over http:// without redirecting to https://`;
    return verdict;
  }
  const from = urlInfo(first.from);
  const to = urlInfo(first.to);
  if (to.scheme === 'https') {
    if (to.host !== from.host) verdict.offHost = `${first.from} → ${first.to}`;
    return verdict;
  }
  // First hop stays on http://: follow the observed chain to see where it ends.
  const chain = [first.from, first.to];
  let cur = first.to;
  const visited = new Set(chain);
  while (next.has(cur)) {
    const n = next.get(cur)!;
    if (visited.has(n)) break;
    visited.add(n);
    chain.push(n);
    cur = n;
  }
  const final = urlInfo(cur);
  if (chain.length > 2 && final.scheme === 'http') {
    verdict.missing = `${chain.join(' → ')} never reaches https://`;
  } else {
    verdict.insecureHop = `${first.from} → ${first.to}`;
  }
  return verdict;
}
