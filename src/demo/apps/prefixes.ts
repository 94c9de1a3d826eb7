import { type DemoApp, page, token } from '../http.ts';

/**
 * prefixes.staging.test: an app moving to the __Http- prefixes (Chrome 140, Firefox 143). The session
 * cookie is right; a UI cookie kept readable for the front end breaks the prefix, so browsers drop it;
 * a __Host- cookie without a Path attribute is where Chromium (refuses) and Firefox (keeps) differ.
 */
export const prefixesApp: DemoApp = async (req, send) => {
  const url = new URL(req.url ?? '/', 'https://prefixes');
  if (url.pathname !== '/') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
      'Set-Cookie': [
        `__Host-Http-sid=${token(32)}; Path=/; Secure; HttpOnly; SameSite=Lax`,
        `__Http-ui_state=${token(8)}; Path=/; Secure; SameSite=Lax`,
        // No Path attribute: Chromium refuses it, Firefox (default path /) keeps it.
        '__Host-lang=en; Secure; SameSite=Lax',
      ],
    },
    page(
      'Prefixed staging',
      '<p>Session cookie <code>__Host-Http-sid</code>; a readable <code>__Http-ui_state</code> that browsers refuse; a <code>__Host-lang</code> without a Path attribute, which Chromium refuses and Firefox keeps.</p>',
    ),
  );
};
