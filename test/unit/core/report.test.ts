import { describe, expect, it } from 'vitest';
import { auditSite, buildReport, formatText, listRules, observeSetCookie } from '../../../src/core/index.ts';
import type { Wording } from '../../../src/core/types.ts';
import { reportSchemaErrors } from '../../helpers/report-schema.ts';
import { audit, HSTS_2Y, NOW, SID, siteFrom } from '../../helpers/site.ts';
import { VALUES } from '../../helpers/values.ts';

function sites() {
  return [
    audit(
      [
        `sessionid=${SID}; Path=/`,
        'csrftoken=AbCdEfGhIjKlMnOpQrStUvWxYz012345; Path=/; SameSite=Lax',
        `session=${VALUES.flask}; HttpOnly`,
        'Secure; HttpOnly',
        'old=; Max-Age=0',
        '_ga=GA1.2.1234567.1700000000; Domain=.example.com',
        `big=${'x'.repeat(5000)}`,
      ],
      {
        hsts: 'max-age=100',
        cookies: [
          observeSetCookie('uid=1; SameSite=None; Secure', {
            url: 'https://ads.tracker.net/p',
            now: NOW,
            thirdParty: true,
          }),
        ],
      },
    ),
    audit([`__Host-sid=${SID}; Path=/; Secure; HttpOnly; SameSite=Strict`], {
      url: 'https://localhost:8443/',
      hsts: HSTS_2Y,
    }),
  ];
}

describe('buildReport', () => {
  it('produces schema cookie-audit-report/1 that validates against docs/cookie-audit-report-1.schema.json', () => {
    const report = buildReport(sites(), { version: '0.1.0', createdAt: new Date(NOW).toISOString() });
    expect(report.schema).toBe('cookie-audit-report/1');
    expect(report.generator).toEqual({ name: 'cookie-audit', version: '0.1.0' });
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it('never contains a value', () => {
    const text = JSON.stringify(buildReport(sites(), { version: '1', createdAt: 'x' }));
    expect(text).not.toContain(SID);
    expect(text).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz012345');
    expect(text).not.toContain(VALUES.flask.slice(0, 20));
    expect(text).not.toContain('x'.repeat(100));
  });
});

describe('formatText', () => {
  const text = formatText(buildReport(sites(), { version: '0.1.0', createdAt: '2025-06-01T12:00:00.000Z' }));

  it('shows each site with grade, score, frameworks and site findings', () => {
    expect(text).toContain('https://app.example.com/');
    expect(text).toMatch(/Grade [A-F][+-]? \(score \d+\)/);
    expect(text).toContain('Frameworks: django, flask');
    expect(text).toContain('[LOW] hsts-short');
  });

  it('shows each cookie with role, attributes, value shape and findings with severity', () => {
    expect(text).toContain('sessionid [session; seen in header]');
    expect(text).toContain('host-only app.example.com, Path=/, no Secure, no HttpOnly, no SameSite, session');
    expect(text).toContain('[HIGH] session-missing-secure: Session cookie without Secure');
    expect(text).toContain('evidence: Set-Cookie: sessionid=…; Path=/');
    expect(text).toContain('(nameless) [other;');
    expect(text).toContain('old [other; deletion;');
    expect(text).toContain('value: flask-signed');
    expect(text).toContain('third-party, not graded');
  });

  it('marks localhost findings as mattering in production', () => {
    const local = formatText(
      buildReport([audit([`sessionid=${SID}`], { url: 'http://localhost:8000/' })], {
        version: '1',
        createdAt: 'now',
      }),
    );
    expect(local).toContain('(on localhost; this matters in production)');
  });

  it('never contains a value', () => {
    expect(text).not.toContain(SID);
    expect(text).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz012345');
  });

  it('says when there is nothing to report', () => {
    expect(formatText(buildReport([], { version: '1', createdAt: 'now' }))).toContain('No sites audited.');
  });
});

describe('wording', () => {
  it('uses the lessons when given, else the rule title, and picks the cookie framework', () => {
    const seen: string[] = [];
    const wording: Wording = {
      describe(rule, framework) {
        seen.push(`${rule}/${framework}`);
        return rule === 'session-missing-secure'
          ? { message: 'Set SESSION_COOKIE_SECURE', fix: { framework, text: 'SESSION_COOKIE_SECURE = True' } }
          : undefined;
      },
    };
    const a = auditSite(siteFrom([`sessionid=${SID}; HttpOnly; SameSite=Lax`]), { now: NOW + 10 }, wording);
    const f = a.cookies[0].findings.find((x) => x.rule === 'session-missing-secure')!;
    expect(f.message).toBe('Set SESSION_COOKIE_SECURE');
    expect(f.fix).toEqual({ framework: 'django', text: 'SESSION_COOKIE_SECURE = True' });
    const other = a.findings.find((x) => x.rule === 'hsts-missing')!;
    expect(other.message).toBe(listRules().find((r) => r.id === 'hsts-missing')!.title);
    expect(seen).toContain('hsts-missing/django');
  });

  it('applies severity overrides, disabled rules and the ignore list', () => {
    const lines = [`sessionid=${SID}; HttpOnly; SameSite=Lax`, 'AWSALB=abc'];
    const base = audit(lines);
    const tuned = audit(
      lines,
      {},
      {
        severityOverrides: { 'session-missing-secure': 'low' },
        disabledRules: ['hsts-missing'],
        ignoreNames: ['AWS*'],
      },
    );
    expect(
      tuned.cookies
        .find((c) => c.name === 'sessionid')!
        .findings.find((f) => f.rule === 'session-missing-secure')!.severity,
    ).toBe('low');
    expect(tuned.findings.map((f) => f.rule)).not.toContain('hsts-missing');
    expect(tuned.cookies.find((c) => c.name === 'AWSALB')!.findings).toEqual([]);
    expect(tuned.score).toBeGreaterThan(base.score);
  });
});

describe('formatText layout', () => {
  it('indents multi-line fixes under their finding', () => {
    const wording: Wording = {
      describe: (rule, framework) =>
        rule === 'session-missing-httponly'
          ? { fix: { framework, text: '# settings.py\nSESSION_COOKIE_HTTPONLY = True' } }
          : undefined,
    };
    const a = auditSite(siteFrom([`sessionid=${SID}; Secure; SameSite=Lax`]), { now: NOW + 10 }, wording);
    const text = formatText(buildReport([a], { version: '1', createdAt: 'now' }));
    expect(text).toContain(
      '      fix (django): # settings.py\n              SESSION_COOKIE_HTTPONLY = True\n',
    );
  });
});
