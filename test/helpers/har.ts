/** HAR 1.2 documents for the offline CLI tests: one entry per response, Set-Cookie lines as headers. */

export interface HarEntryOptions {
  method?: string;
  /** Extra response headers (HSTS, Location …). */
  extra?: { name: string; value: string }[];
  redirectURL?: string;
}

export function harEntry(url: string, status: number, setCookies: string[], options: HarEntryOptions = {}) {
  return {
    startedDateTime: '2026-01-15T09:30:00.000Z',
    time: 10,
    request: {
      method: options.method ?? 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Content-Type', value: 'text/html' },
        ...setCookies.map((value) => ({ name: 'Set-Cookie', value })),
        ...(options.extra ?? []),
      ],
      cookies: [],
      content: { size: 0, mimeType: 'text/html' },
      redirectURL: options.redirectURL ?? '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 0 },
  };
}

export function har(entries: unknown[]) {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } };
}
