/**
 * Listens on the work page's CDP session for Chromium's own word on every Set-Cookie line it
 * receives: Network.responseReceivedExtraInfo (blockedCookies with their reasons, exemptedCookies)
 * and Audits.issueAdded cookie issues. Keeps the cookie's name and the reasons only; the raw line,
 * which holds the value, is read for its name and dropped.
 */
import type { CDPSession } from 'playwright-core';
import { type BrowserCookieVerdict, parseSetCookie } from '../core/index.ts';

interface ExtraInfo {
  requestId: string;
  headers?: Record<string, string>;
  blockedCookies?: { blockedReasons: string[]; cookieLine: string; cookie?: { name: string } }[];
  exemptedCookies?: { exemptionReason: string; cookieLine: string; cookie: { name: string } }[];
}

interface CookieIssue {
  issue: {
    code: string;
    details: {
      cookieIssueDetails?: {
        cookie?: { name: string; domain: string };
        rawCookieLine?: string;
        cookieWarningReasons?: string[];
        cookieExclusionReasons?: string[];
        operation?: string;
        cookieUrl?: string;
      };
    };
  };
}

const nameOf = (line: string, parsed?: { name: string }) => parsed?.name ?? parseSetCookie(line).name;

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

export interface VerdictCollector {
  verdicts(): BrowserCookieVerdict[];
}

export async function collectChromiumVerdicts(cdp: CDPSession): Promise<VerdictCollector> {
  const urls = new Map<string, string>();
  const out: BrowserCookieVerdict[] = [];
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url);
  });
  cdp.on('Network.responseReceivedExtraInfo', (e: ExtraInfo) => {
    const host = hostOf(urls.get(e.requestId));
    const raw = Object.entries(e.headers ?? {}).find(([k]) => k.toLowerCase() === 'set-cookie')?.[1];
    const lines = raw ? raw.split('\n').filter((l) => l.trim().length > 0) : [];
    const blocked = new Map<string, string[]>();
    for (const b of e.blockedCookies ?? []) blocked.set(b.cookieLine, b.blockedReasons);
    const exempted = new Map<string, string>();
    for (const x of e.exemptedCookies ?? []) exempted.set(x.cookieLine, x.exemptionReason);
    for (const line of lines) {
      const v: BrowserCookieVerdict = { browser: 'chromium', host, name: nameOf(line) };
      const reasons = blocked.get(line);
      if (reasons?.length) v.blocked = [...reasons];
      const exemption = exempted.get(line);
      if (exemption) v.exempted = exemption;
      out.push(v);
    }
  });
  cdp.on('Audits.issueAdded', (e: CookieIssue) => {
    const d = e.issue.details.cookieIssueDetails;
    if (e.issue.code !== 'CookieIssue' || !d || d.operation !== 'SetCookie') return;
    const name = d.cookie?.name ?? (d.rawCookieLine ? nameOf(d.rawCookieLine) : undefined);
    if (name === undefined) return;
    const issues = [...(d.cookieExclusionReasons ?? []), ...(d.cookieWarningReasons ?? [])];
    if (issues.length === 0) return;
    const host = hostOf(d.cookieUrl);
    // The issue belongs to a line already seen (same name and host): add it there.
    const seen = [...out].reverse().find((v) => v.name === name && (host === '' || v.host === host));
    if (seen) seen.issues = [...new Set([...(seen.issues ?? []), ...issues])];
    else out.push({ browser: 'chromium', host, name, issues, issueOnly: true });
  });
  await cdp.send('Network.enable');
  await cdp.send('Audits.enable');
  return { verdicts: () => out.map((v) => ({ ...v })) };
}
