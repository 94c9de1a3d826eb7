/**
 * Host and domain facts: URL pieces, loopback detection, domain-match (RFC 6265bis 5.1.3) and the
 * Public Suffix List through tldts. Every lookup is cached per input string, since an audit sees
 * the same few hosts thousands of times.
 */
import { parse as parseDomain } from 'tldts';
import { BoundedCache } from './bounded-cache.ts';
import type { Scheme } from './types.ts';

export interface UrlInfo {
  /** Lower-case host name; IPv6 literals keep their brackets ("[::1]"). "" when unparseable. */
  host: string;
  scheme: Scheme;
  /** scheme://host[:port] */
  origin: string;
  path: string;
  /** localhost, *.localhost, 127.0.0.0/8, [::1]: Chromium treats these origins as trustworthy. */
  loopback: boolean;
  isIp: boolean;
}

const MAX_CACHE = 16384;
const urlCache = new BoundedCache<string, UrlInfo>(MAX_CACHE);

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  if (host.startsWith('127.')) {
    const parts = host.split('.');
    return parts.length === 4 && parts.every((p) => p.length > 0 && p.length <= 3 && /^[0-9]+$/.test(p));
  }
  return false;
}

function isIpHost(host: string): boolean {
  if (host.charCodeAt(0) === 0x5b) return true; // "[" IPv6 literal
  const last = host.charCodeAt(host.length - 1);
  if (!(last >= 0x30 && last <= 0x39)) return false; // IPv4 ends in a digit; no TLD does
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => p.length > 0 && p.length <= 3 && /^[0-9]+$/.test(p));
}

/** Parses a URL once; unparseable input gives host "" over http. */
export function urlInfo(url: string): UrlInfo {
  const cached = urlCache.get(url);
  if (cached) return cached;
  let info: UrlInfo;
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase();
    const scheme: Scheme = u.protocol === 'https:' || u.protocol === 'wss:' ? 'https' : 'http';
    info = {
      host,
      scheme,
      origin: `${scheme}://${u.host.toLowerCase()}`,
      path: u.pathname,
      loopback: isLoopbackHost(host),
      isIp: isIpHost(host),
    };
  } catch {
    info = { host: '', scheme: 'http', origin: 'http://', path: '/', loopback: false, isIp: false };
  }
  urlCache.set(url, info);
  return info;
}

export interface SuffixInfo {
  /** The name is itself a public suffix (ICANN or private section of the PSL). */
  publicSuffix: boolean;
  /** The name's suffix is not on the list (e.g. "localhost", "test"): no registrable domain. */
  unknownSuffix: boolean;
  /** Registrable domain (eTLD+1), or null. */
  registrable: string | null;
  isIp: boolean;
}

const suffixCache = new BoundedCache<string, SuffixInfo>(MAX_CACHE);

export function suffixInfo(name: string): SuffixInfo {
  const cached = suffixCache.get(name);
  if (cached) return cached;
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  const r = parseDomain(bare, { allowPrivateDomains: true, extractHostname: false });
  const info: SuffixInfo = r.isIp
    ? { publicSuffix: false, unknownSuffix: false, registrable: null, isIp: true }
    : {
        publicSuffix: r.publicSuffix === bare,
        unknownSuffix: !r.isIcann && !r.isPrivate,
        registrable: r.domain,
        isIp: false,
      };
  suffixCache.set(name, info);
  return info;
}

/** RFC 6265bis 5.1.3 domain-match: identical, or a dot-boundary suffix of a host name (not an IP). */
export function domainMatch(host: string, domain: string): boolean {
  if (host === domain) return true;
  return (
    host.length > domain.length &&
    host.endsWith(domain) &&
    host.charCodeAt(host.length - domain.length - 1) === 0x2e &&
    !isIpHost(host)
  );
}

/** RFC 6265bis 5.1.4 default-path of a request path. */
export function defaultPath(path: string): string {
  if (path.length === 0 || path.charCodeAt(0) !== 0x2f) return '/';
  const last = path.lastIndexOf('/');
  if (last <= 0) return '/';
  return path.slice(0, last);
}

/** Registrable domain (eTLD+1) of a host, or the host itself when it has none (IP, localhost). */
export function siteOf(host: string): string {
  return suffixInfo(host).registrable ?? host;
}
