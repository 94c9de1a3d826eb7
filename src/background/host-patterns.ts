/**
 * Match patterns of granted host access (permissions.getAll().origins) and whether a URL is
 * covered. Pure, so the rule "nothing of a site without access is recorded" is unit-tested.
 */
export interface Pattern {
  schemes: readonly string[];
  /** '*' any host; '.example.com' the domain and its subdomains; else one host. */
  host: string;
}

/** Parses a match pattern of permissions.getAll() (paths are ignored: access is per host). */
export function parsePattern(pattern: string): Pattern | null {
  if (pattern === '<all_urls>') return { schemes: ['http', 'https'], host: '*' };
  const m = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
  if (!m) return null;
  const schemes = m[1] === '*' ? ['http', 'https'] : [m[1]];
  // A port in a pattern is not part of host access in Chromium or Firefox: drop it.
  const hostPart = m[2].replace(/:\d+$|:\*$/, '').toLowerCase();
  const host = hostPart === '*' ? '*' : hostPart.startsWith('*.') ? hostPart.slice(1) : hostPart;
  return { schemes, host };
}

export function patternAllows(pattern: Pattern, url: URL): boolean {
  if (!pattern.schemes.includes(url.protocol.slice(0, -1))) return false;
  if (pattern.host === '*') return true;
  const host = url.hostname.toLowerCase();
  if (pattern.host.startsWith('.')) return host === pattern.host.slice(1) || host.endsWith(pattern.host);
  return host === pattern.host;
}

/** Scheme and authority of a web URL, as written: all that host access depends on. */
const AUTHORITY = /^https?:\/\/[^/\\?#]*/i;

export class HostAccess {
  private patterns: Pattern[] = [];
  /** Answers by scheme and authority: every request asks, and parsing each URL showed in profiles. */
  private readonly memo = new Map<string, boolean>();
  /** The raw origins granted, as the browser lists them. */
  origins: string[] = [];

  set(origins: readonly string[]): void {
    this.origins = [...origins];
    this.memo.clear();
    this.patterns = origins.map(parsePattern).filter((p): p is Pattern => p !== null);
  }

  get everySite(): boolean {
    return this.patterns.some((p) => p.host === '*' && p.schemes.length === 2);
  }

  allows(rawUrl: string | null | undefined): boolean {
    if (!rawUrl) return false;
    const key = AUTHORITY.exec(rawUrl)?.[0];
    if (key === undefined) return this.parseAndMatch(rawUrl);
    let answer = this.memo.get(key);
    if (answer === undefined) {
      answer = this.parseAndMatch(rawUrl);
      if (this.memo.size >= 1000) this.memo.clear();
      this.memo.set(key, answer);
    }
    return answer;
  }

  private parseAndMatch(rawUrl: string): boolean {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return false;
    }
    return this.patterns.some((p) => patternAllows(p, url));
  }
}
