import { describe, expect, it } from 'vitest';
import { Recorder, setCookieLines } from '../../../src/background/recorder.ts';
import { emptyState, LIMITS, restoreState } from '../../../src/background/state.ts';
import { findSessionTokensInUrl } from '../../../src/core/index.ts';

const hash = (v: string) => `h${v.length}:${[...v].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7)}`;

function recorder(now = 1_700_000_000_000) {
  return new Recorder(emptyState(), hash, () => now);
}

function response(
  tabId: number,
  url: string,
  setCookies: string[],
  extra: { name: string; value: string }[] = [],
  type = 'main_frame',
) {
  return {
    tabId,
    requestId: `r${Math.random()}`,
    url,
    type,
    statusCode: 200,
    responseHeaders: [...setCookies.map((value) => ({ name: 'Set-Cookie', value })), ...extra],
  };
}

describe('Set-Cookie header splitting', () => {
  it('keeps one line per Chrome header and splits Firefox newline-joined values', () => {
    expect(
      setCookieLines([
        { name: 'set-cookie', value: 'a=1' },
        { name: 'Set-Cookie', value: 'b=2; Secure' },
      ]),
    ).toEqual(['a=1', 'b=2; Secure']);
    expect(setCookieLines([{ name: 'Set-Cookie', value: 'a=1\nb=2; HttpOnly\n' }])).toEqual([
      'a=1',
      'b=2; HttpOnly',
    ]);
    expect(
      setCookieLines([
        { name: 'Set-Cookie2', value: 'x=1' },
        { name: 'Content-Type', value: 'text/html' },
      ]),
    ).toEqual([]);
  });
});

describe('Recorder', () => {
  it('records a main-frame response: tab, site, cookies without their values', () => {
    const r = recorder();
    r.onResponse(
      response(7, 'http://app.example/login?next=%2Fsecret', [
        'sessionid=abcdefghijklmnopqrstuvwxyz012345; Path=/',
      ]),
    );
    const tab = r.tab(7)!;
    expect(tab.origin).toBe('http://app.example');
    expect(tab.url).toBe('http://app.example/login');
    expect(tab.documentObserved).toBe(true);
    const site = r.siteForTab(7)!;
    const cookies = Object.values(site.cookies);
    expect(cookies).toHaveLength(1);
    expect(cookies[0].name).toBe('sessionid');
    expect(JSON.stringify(r.state)).not.toContain('abcdefghijklmnopqrstuvwxyz012345');
    expect(JSON.stringify(r.state)).not.toContain('secret');
  });

  it('marks cookies from another site as third-party and keeps HSTS only for the first party', () => {
    const r = recorder();
    r.onResponse(
      response(
        1,
        'https://shop.example/',
        ['sid=1234567890abcdef; Secure'],
        [{ name: 'Strict-Transport-Security', value: 'max-age=31536000' }],
      ),
    );
    r.onResponse(
      response(1, 'https://ads.tracker.test/pixel', ['uid=zzz; Secure; SameSite=None'], [], 'image'),
    );
    r.onResponse(response(1, 'https://cdn.shop.example/app.js', ['lang=en'], [], 'script'));
    const cookies = Object.values(r.siteForTab(1)!.cookies);
    expect(cookies.find((c) => c.name === 'uid')!.thirdParty).toBe(true);
    expect(cookies.find((c) => c.name === 'lang')!.thirdParty).toBe(false);
    expect(r.siteForTab(1)!.responses.map((x) => x.hsts)).toEqual(['max-age=31536000']);
  });

  it('records cookies sent over plain HTTP by name only', () => {
    const r = recorder();
    r.onResponse(response(2, 'http://legacy.example/', []));
    r.onSendHeaders({
      tabId: 2,
      requestId: 'q',
      url: 'http://legacy.example/style.css',
      method: 'GET',
      type: 'stylesheet',
      requestHeaders: [{ name: 'Cookie', value: 'sessionid=SECRETVALUE123; csrftoken=abc' }],
    });
    const sent = r.siteForTab(2)!.sentInClear;
    expect(sent).toHaveLength(1);
    expect(sent[0].cookieNames).toEqual(['sessionid', 'csrftoken']);
    expect(JSON.stringify(r.state)).not.toContain('SECRETVALUE123');
  });

  it('never keeps a nameless cookie (sent as its bare value) as a cookie name', () => {
    const r = recorder();
    r.onResponse(response(2, 'http://legacy.example/', []));
    const send = (requestId: string, value: string) =>
      r.onSendHeaders({
        tabId: 2,
        requestId,
        url: 'http://legacy.example/app.js',
        method: 'GET',
        type: 'script',
        requestHeaders: [{ name: 'Cookie', value }],
      });
    send('q1', 'sessionid=abc; NamelessSecret0123456789; lang=en');
    send('q2', 'OnlyNamelessSecret9876543210');
    const sent = r.siteForTab(2)!.sentInClear;
    expect(sent.map((e) => e.cookieNames)).toEqual([['sessionid', 'lang']]);
    const stored = JSON.stringify(r.state);
    expect(stored).not.toContain('NamelessSecret0123456789');
    expect(stored).not.toContain('OnlyNamelessSecret9876543210');
  });

  it('keeps no user info, query or fragment of any URL it records', () => {
    const r = recorder();
    const url = 'https://alice:Pa55word@app.example/login?password=Pa55word#frag';
    r.onResponse(response(4, url, ['sid=abcdefghijklmnopqrstuvwxyz012345; Path=/']));
    r.onRedirect({ tabId: 4, requestId: 'x', url, redirectUrl: url, statusCode: 302, type: 'main_frame' });
    r.onLoginStart({ tabId: 4, requestId: 'l', url });
    r.onRequestDone('l');
    r.onSendHeaders({
      tabId: 4,
      requestId: 'c',
      url: 'http://bob:Secr3t@app.example/?token=Secr3t',
      method: 'GET',
      type: 'main_frame',
      requestHeaders: [{ name: 'Cookie', value: 'sid=1' }],
    });
    r.startDocument(5, 'ftp://carol:Hidden9@files.example/x?y=Hidden9');
    expect(r.tab(4)!.url).toBe('https://app.example/login');
    const stored = JSON.stringify(r.state);
    for (const secret of ['alice', 'Pa55word', 'bob', 'Secr3t', 'carol', 'Hidden9', 'frag'])
      expect(stored, secret).not.toContain(secret);
  });

  it('keeps no keyed hash of a value in what it stores, after a login too', () => {
    const r = recorder();
    r.onResponse(response(6, 'https://app.example/login', []));
    r.onLoginStart({ tabId: 6, requestId: 'L', url: 'https://app.example/login' });
    r.onResponse({
      ...response(6, 'https://app.example/login', ['sessionid=rotatedvalue0000000000000000000; Path=/']),
      requestId: 'L',
    });
    r.onRequestDone('L');
    for (const obs of Object.values(r.siteForTab(6)!.cookies)) expect(obs.value).not.toHaveProperty('hash');
    expect(r.siteForTab(6)!.logins[0].cookies[0].afterHash).toBe(hash('rotatedvalue0000000000000000000'));
  });

  it('keeps what a private window or container saw apart from normal browsing, and drops it', () => {
    const r = recorder();
    const url = 'https://shop.example/';
    r.startDocument(1, url, 'firefox-default');
    r.onResponse({ ...response(1, url, ['normal=1; Path=/']), cookieStoreId: 'firefox-default' });
    r.startDocument(2, url, 'firefox-private');
    r.onResponse({ ...response(2, url, ['private_only=1; Path=/']), cookieStoreId: 'firefox-private' });
    r.startDocument(3, url, 'firefox-container-1');
    r.onResponse({ ...response(3, url, ['work_only=1; Path=/']), cookieStoreId: 'firefox-container-1' });
    const names = (tabId: number) => Object.values(r.siteForTab(tabId)!.cookies).map((c) => c.name);
    expect(names(1)).toEqual(['normal']);
    expect(names(2)).toEqual(['private_only']);
    expect(names(3)).toEqual(['work_only']);
    // A jar removal in one store leaves the others alone; cookie events reach only that store's tabs.
    r.removeJarCookie({
      name: 'normal',
      domain: 'shop.example',
      path: '/',
      storeId: 'firefox-private',
    } as never);
    expect(r.tabsForCookieDomain('shop.example', 'firefox-private')).toEqual([2]);

    r.dropStore('firefox-private');
    expect(r.tab(2)).toBeUndefined();
    expect(JSON.stringify(r.state)).not.toContain('private_only');
    expect([...r.droppedSites.keys()]).toEqual(['firefox-private|https://shop.example']);
    expect(names(1)).toEqual(['normal']);
    expect(names(3)).toEqual(['work_only']);
  });

  it('keeps one clear-text entry per host and cookie set, however many subresources send it', () => {
    const r = recorder();
    r.onResponse(response(2, 'http://legacy.example/', []));
    const send = (url: string, cookie: string, i: number) =>
      r.onSendHeaders({
        tabId: 2,
        requestId: `s${i}`,
        url,
        method: 'GET',
        type: 'xmlhttprequest',
        requestHeaders: [{ name: 'Cookie', value: cookie }],
      });
    for (let i = 0; i < 200; i++) send(`http://legacy.example/api/item/${i}`, 'api_session=v; lang=en', i);
    send('http://legacy.example/api/me', 'api_session=v; lang=en; theme=dark', 200);
    send('http://static.legacy.example/logo.png', 'api_session=v; lang=en', 201);
    const sent = r.siteForTab(2)!.sentInClear;
    expect(sent.map((e) => [e.url, e.cookieNames.join(';')])).toEqual([
      ['http://legacy.example/api/item/0', 'api_session;lang'],
      ['http://legacy.example/api/me', 'api_session;lang;theme'],
      ['http://static.legacy.example/logo.png', 'api_session;lang'],
    ]);
  });

  it('compares hashed session values across a login: unchanged means no rotation', () => {
    const r = recorder();
    r.onResponse(response(3, 'http://legacy.example/login', []));
    r.onLoginStart({ tabId: 3, requestId: 'login1', url: 'http://legacy.example/login' });
    r.onSendHeaders({
      tabId: 3,
      requestId: 'login1',
      url: 'http://legacy.example/login',
      method: 'POST',
      type: 'main_frame',
      requestHeaders: [{ name: 'Cookie', value: 'sessionid=fixedvalue0000000000000000000000' }],
    });
    r.onResponse({
      ...response(3, 'http://legacy.example/login', ['user_id=42; Path=/']),
      requestId: 'login1',
    });
    r.onRequestDone('login1');
    const login = r.siteForTab(3)!.logins[0];
    expect(login.cookies.find((c) => c.name === 'sessionid')).toEqual({
      name: 'sessionid',
      beforeHash: hash('fixedvalue0000000000000000000000'),
      afterHash: hash('fixedvalue0000000000000000000000'),
    });

    r.onLoginStart({ tabId: 3, requestId: 'login2', url: 'http://legacy.example/login' });
    r.onSendHeaders({
      tabId: 3,
      requestId: 'login2',
      url: 'http://legacy.example/login',
      method: 'POST',
      type: 'main_frame',
      requestHeaders: [{ name: 'Cookie', value: 'sessionid=fixedvalue0000000000000000000000' }],
    });
    r.onResponse({
      ...response(3, 'http://legacy.example/login', ['sessionid=brandnewvalue111111111111111111; Path=/']),
      requestId: 'login2',
    });
    r.onRequestDone('login2');
    const rotated = r.siteForTab(3)!.logins[1].cookies.find((c) => c.name === 'sessionid')!;
    expect(rotated.afterHash).not.toBeNull();
    expect(rotated.afterHash).not.toBe(rotated.beforeHash);
  });

  it('records redirects and the schemes a host was seen over', () => {
    const r = recorder();
    r.onRedirect({
      tabId: 4,
      requestId: 'a',
      url: 'http://site.example/',
      redirectUrl: 'https://site.example/',
      statusCode: 301,
      type: 'main_frame',
    });
    r.onResponse(response(4, 'https://site.example/', []));
    r.startDocument(5, 'http://site.example/page');
    r.onResponse(response(5, 'http://site.example/page', []));
    expect(r.state.sites['https://site.example']!.redirects[0]).toMatchObject({
      from: 'http://site.example/',
      to: 'https://site.example/',
      status: 301,
    });
    expect(r.state.sites['https://site.example']!.schemesSeen).toEqual(['http', 'https']);
  });

  it('notes session tokens in page URLs with the value masked', () => {
    const r = recorder();
    r.onResponse(response(6, 'http://java.example/shop;jsessionid=A1B2C3D4E5F6A7B8C9D0', []));
    const found = r.siteForTab(6)!.sessionInUrl;
    expect(found).toHaveLength(1);
    expect(found[0].url).toContain(';jsessionid=…');
    expect(JSON.stringify(found)).not.toContain('A1B2C3D4E5F6A7B8C9D0');
  });

  it('keeps at most LIMITS.sites sites, dropping the least recently seen (300 sites opened)', () => {
    let now = 1;
    const r = new Recorder(emptyState(), hash, () => now++);
    for (let i = 0; i < 300; i++) {
      r.onResponse(
        response(1000 + i, `https://site${i}.example/`, [`sid${i}=abcdefabcdefabcdef; Secure; HttpOnly`]),
      );
      r.closeTab(1000 + i);
    }
    const origins = Object.keys(r.state.sites);
    expect(origins.length).toBeLessThanOrEqual(LIMITS.sites);
    expect(origins).toContain('https://site299.example');
    expect(origins).not.toContain('https://site0.example');
  });

  it('never keeps more than LIMITS.cookiesPerSite cookies for one site', () => {
    const r = recorder();
    const lines = Array.from({ length: LIMITS.cookiesPerSite + 500 }, (_, i) => `c${i}=v${i}`);
    r.onResponse(response(8, 'https://many.example/', lines));
    expect(Object.keys(r.siteForTab(8)!.cookies).length).toBe(LIMITS.cookiesPerSite);
  });
});

describe('state restore', () => {
  it('starts afresh on anything that is not a saved state', () => {
    for (const raw of [
      undefined,
      null,
      42,
      'x',
      {},
      { version: 2, tabs: {}, sites: {} },
      { version: 1, tabs: null, sites: {} },
    ]) {
      expect(restoreState(raw)).toEqual(emptyState());
    }
    const saved = { version: 1 as const, tabs: {}, sites: {} };
    expect(restoreState(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });
});

describe('session tokens in URLs', () => {
  it('finds ;jsessionid= and long session query parameters, ignores short ones', () => {
    expect(findSessionTokensInUrl('https://a.example/x;jsessionid=0123456789ABCDEF?y=1', 0)).toHaveLength(1);
    expect(findSessionTokensInUrl('https://a.example/?sid=0123456789abcdef', 0)[0]).toMatchObject({
      parameter: 'sid',
      valueLength: 16,
    });
    expect(findSessionTokensInUrl('https://a.example/survey?sId=5', 0)).toEqual([]);
    expect(findSessionTokensInUrl('https://a.example/?page=0123456789abcdef', 0)).toEqual([]);
    expect(findSessionTokensInUrl('not a url', 0)).toEqual([]);
  });
});
