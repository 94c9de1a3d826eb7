/**
 * Cost of the background's response handler: one main-frame-like response carrying 10 Set-Cookie
 * lines, through the same Recorder the worker runs (parse, reduce values, store). Reports p50/p99.
 */
import { Recorder } from '../src/background/recorder.ts';
import { emptyState } from '../src/background/state.ts';
import { keyedHash } from '../src/core/index.ts';

export interface HandlerBench {
  handlerP50Micros: number;
  handlerP99Micros: number;
  handlerSamples: number;
}

function tenSetCookies(i: number): { name: string; value: string }[] {
  const v = (n: number) => `${i.toString(36)}${'x7Kq2Lm9Zp4Rt6Vw8YbN3c5'.repeat(6)}`.slice(0, n);
  return [
    `sessionid=${v(32)}; Path=/; HttpOnly; SameSite=Lax`,
    `csrftoken=${v(64)}; Path=/; Max-Age=31449600; SameSite=Lax; Secure`,
    `_ga=GA1.1.${i}.1700000000; Path=/; Domain=.shop.example; Max-Age=63072000`,
    `_gid=GA1.1.${i * 7}.1700000000; Path=/; Domain=.shop.example; Max-Age=86400`,
    `AWSALB=${v(88)}; Path=/; Expires=Tue, 01 Dec 2026 10:00:00 GMT`,
    `AWSALBCORS=${v(88)}; Path=/; Expires=Tue, 01 Dec 2026 10:00:00 GMT; SameSite=None; Secure`,
    `__Host-sid=${v(43)}; Path=/; Secure; HttpOnly; SameSite=Strict`,
    `theme=dark; Path=/; Max-Age=2592000`,
    `eyJhbGciOiJIUzI1NiJ9=1; Path=/`,
    `remember_token=${v(40)}; Path=/; Secure; HttpOnly; Expires=Wed, 01 Jan 2031 00:00:00 GMT`,
  ].map((value) => ({ name: 'Set-Cookie', value }));
}

export function runHandlerBench(samples = 20_000): HandlerBench {
  const key = 'bench-key-0123456789abcdef0123456789abcdef';
  const recorder = new Recorder(emptyState(), (value) => keyedHash(value, key));
  const times: number[] = [];
  // 512 distinct responses (distinct values) over 4 tabs, each tab on its own page first.
  const details = Array.from({ length: 512 }, (_, i) => ({
    tabId: 1 + (i % 4),
    requestId: `r${i}`,
    url: `https://shop.example/page/${i}?q=${i}`,
    type: 'xmlhttprequest',
    statusCode: 200,
    responseHeaders: [...tenSetCookies(i), { name: 'Content-Type', value: 'text/html' }],
  }));
  for (let tab = 1; tab <= 4; tab++)
    recorder.onResponse({ ...details[tab - 1], tabId: tab, type: 'main_frame' });
  for (let i = 0; i < 2000; i++) recorder.onResponse(details[i % details.length]); // warm-up
  for (let i = 0; i < samples; i++) {
    const d = details[i % details.length];
    const t0 = performance.now();
    recorder.onResponse(d);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] * 1000;
  return {
    handlerP50Micros: +at(0.5).toFixed(2),
    handlerP99Micros: +at(0.99).toFixed(2),
    handlerSamples: samples,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(runHandlerBench());
}
