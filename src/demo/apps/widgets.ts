import { type DemoApp, token } from '../http.ts';

/** widgets.thirdparty.test: a third-party widget embedded by the legacy app, with a partitioned cookie. */
export const widgetApp: DemoApp = async (req, send) => {
  const url = new URL(req.url ?? '/', 'https://widgets');
  if (url.pathname !== '/widget') {
    send(404, { 'Content-Type': 'text/plain' }, 'not found');
    return;
  }
  send(
    200,
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Set-Cookie': [
        `tp_visitor=${token(16)}; Path=/; Secure; SameSite=None`,
        `tp_session=${token(24)}; Path=/; Secure; SameSite=None`,
        // CHIPS: kept in the embedding site's partition, seen only with a partition key.
        `__Host-tp_chip=${token(16)}; Path=/; Secure; SameSite=None; Partitioned`,
      ],
    },
    '<!doctype html><title>Widget</title><p>Third-party widget</p>',
  );
};
