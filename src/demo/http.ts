/** What the demo apps share: random tokens, cookies of a request, pages, forms and the reply function. */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { DemoPorts } from './hosts.ts';

export const token = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const djangoKey = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(32);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
};

export function cookiesOf(req: http.IncomingMessage): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return map;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/style.css"></head><body><h1>${escapeHtml(title)}</h1>${body}
${script ? `<script>${script}</script>` : ''}</body></html>`;
}

/** HSTS as the hardened demo apps send it. */
export const HSTS_TWO_YEARS = { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' };

export const STYLE =
  'body{font:16px system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}code{background:#eee}';

export async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function loginForm(action: string, error = ''): string {
  return `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${action}">
<label>User <input type="text" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Log in</button></form>`;
}

export type Send = (
  status: number,
  headers: Record<string, string | string[]>,
  body?: string | Buffer,
) => void;

/** A demo app: answers one request of its host; `ports` says where the other apps are. */
export type DemoApp = (req: http.IncomingMessage, send: Send, ports: DemoPorts) => Promise<void>;

/** Plain HTTP answered with a redirect to HTTPS on the same host, as a gateway in front of an app does. */
export const sameHostHttpsRedirect: DemoApp = async (req, send, ports) => {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  send(301, { Location: `https://${host}:${ports.https}${req.url ?? '/'}` });
};
