import { type DemoApp, djangoKey, page, token } from '../http.ts';

/** bulk.staging.test: a broken or hostile site that sets thousands of cookies. */
export const bulkApp: DemoApp = async (req, send) => {
  const url = new URL(req.url ?? '/', 'http://bulk');
  if (url.pathname === '/part') {
    const k = Number(url.searchParams.get('k') ?? 0) % 1000;
    const lines = Array.from({ length: 100 }, (_, j) => `bulk${k * 100 + j}=${token(9)}; Path=/`);
    send(200, { 'Content-Type': 'text/plain', 'Set-Cookie': lines }, 'ok');
    return;
  }
  send(
    200,
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Set-Cookie': [`sessionid=${djangoKey()}; Path=/; HttpOnly`],
    },
    page(
      'Bulk staging: 10,000 cookies',
      '<p id="state">Setting cookies…</p>',
      `Promise.all(Array.from({ length: 100 }, (_, k) => fetch('/part?k=' + k).then((r) => r.text())))
        .then(() => { document.getElementById('state').textContent = 'done'; document.title = 'done'; });`,
    ),
  );
};
