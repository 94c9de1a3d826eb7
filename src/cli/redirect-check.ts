/**
 * The CLI's HTTP → HTTPS redirect check, made from Node rather than from the browser. A browser
 * that has just seen Strict-Transport-Security over HTTPS upgrades http:// itself (Chromium answers
 * with an internal 307, Firefox likewise), so a request from the extension never reaches the server
 * and cannot tell whether the site redirects. Node keeps no HSTS state: its request reaches port 80
 * (or the port of the http:// origin seen), one GET without cookies, redirects not followed.
 */
import http from 'node:http';
import type { RedirectCheck } from '../core/index.ts';

export interface NodeRedirectCheckOptions {
  /** Host names to connect to on 127.0.0.1 (the same mapping the browser was given). */
  loopbackHosts?: readonly string[];
  timeoutMs?: number;
}

export function checkRedirectFromNode(
  target: string,
  options: NodeRedirectCheckOptions = {},
): Promise<RedirectCheck> {
  const observedAt = Date.now();
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      resolve({ requestedUrl: target, status: null, location: null, error: 'not a URL', observedAt });
      return;
    }
    if (url.protocol !== 'http:') {
      resolve({
        requestedUrl: target,
        status: null,
        location: null,
        error: 'not an http:// URL',
        observedAt,
      });
      return;
    }
    const mapped = options.loopbackHosts?.includes(url.hostname) ?? false;
    const request = http.request(
      {
        host: mapped ? '127.0.0.1' : url.hostname,
        port: url.port || 80,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { host: url.host, 'user-agent': 'cookie-audit redirect check', accept: 'text/html' },
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const raw = response.headers.location;
        let location: string | null = null;
        if (typeof raw === 'string' && raw.length > 0) {
          try {
            location = new URL(raw, target).href;
          } catch {
            location = raw;
          }
        }
        response.resume();
        resolve({ requestedUrl: target, status: response.statusCode ?? null, location, observedAt });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => {
      resolve({ requestedUrl: target, status: null, location: null, error: error.message, observedAt });
    });
    request.end();
  });
}
