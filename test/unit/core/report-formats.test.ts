/**
 * Markdown and SARIF renderings of real engine output: structure, severity → level mapping,
 * locations GitHub code scanning accepts, escaping, and no cookie value anywhere.
 */
import { describe, expect, it } from 'vitest';
import {
  auditSite,
  buildReport,
  emptySiteObservations,
  findingsAtOrAbove,
  formatMarkdown,
  listRules,
  mdCode,
  observeSetCookie,
  renderReport,
  reportFileName,
  toSarif,
  withWarnings,
} from '../../../src/core/index.ts';
import type { CookieAuditReport, SiteObservations } from '../../../src/core/types.ts';
import { lessonFor, wording } from '../../../src/lessons/index.ts';
import { assertDraft04Compatible, loadSarifSchema, sarifSchemaErrors } from '../../helpers/sarif-schema.ts';

const NOW = Date.UTC(2026, 0, 15, 9, 30, 0);
const SECRET_SESSION = 'q8Zr3VbN6yT1mKp0aW4xLc7eHs2dJf9g';
const SECRET_CSRF = 'CSRFtokenValueThatMustNeverLeak123';

function site(url: string, lines: string[], hsts: string | null = null): SiteObservations {
  const u = new URL(url);
  return emptySiteObservations(url, {
    origin: u.origin,
    cookies: lines.map((l, i) => observeSetCookie(l, { url, now: NOW + i })),
    responses: [{ url, status: 200, hsts, mainFrame: true, observedAt: NOW }],
    schemesSeen: [u.protocol === 'https:' ? 'https' : 'http'],
  });
}

function sampleReport(): CookieAuditReport {
  const legacy = auditSite(
    site('http://shop.example.com/cart?sid=abc', [
      `sessionid=${SECRET_SESSION}; Path=/`,
      `csrftoken=${SECRET_CSRF}; Path=/; Max-Age=31449600`,
      'AWSALB=someLoadBalancerValue123; Path=/',
      'we|ird`name=1; Path=/',
    ]),
    { now: NOW + 1000 },
    wording,
  );
  const hardened = auditSite(
    site(
      'https://secure.example.com/',
      [`__Host-sid=${SECRET_SESSION}; Path=/; Secure; HttpOnly; SameSite=Strict`],
      'max-age=63072000; includeSubDomains; preload',
    ),
    { now: NOW + 1000 },
    wording,
  );
  return buildReport([legacy, hardened], { version: '1.2.3', createdAt: new Date(NOW).toISOString() });
}

describe('Markdown report', () => {
  const report = sampleReport();
  const md = formatMarkdown(report, { lessons: lessonFor });

  it('has the grade, a findings table per cookie with severities, fixes and redacted evidence', () => {
    const legacy = report.sites[0];
    expect(md).toContain(`grade ${legacy.grade} (score ${legacy.score})`);
    expect(md).toContain('| Cookie | Role | Severity | Rule | Finding | Evidence (values redacted) |');
    expect(md).toMatch(/\| `sessionid` \| session \| \*\*High\*\* \| `session-missing-httponly` \|/);
    expect(md).toContain('`Set-Cookie: sessionid=…; Path=/`');
    expect(md).toContain('### How to fix');
    // Django was detected (sessionid + csrftoken): its fix snippet is the one shown.
    expect(legacy.frameworks).toContain('django');
    expect(md).toContain('Fix for Django:');
    expect(md).toContain(lessonFor('session-missing-httponly')!.fixes.django);
  });

  it('never contains a cookie value', () => {
    expect(md).not.toContain(SECRET_SESSION);
    expect(md).not.toContain(SECRET_CSRF);
    expect(md).not.toContain('someLoadBalancerValue123');
  });

  it('escapes names that would break the table or inject markup', () => {
    expect(md).toContain('``we\\|ird`name``');
    expect(mdCode('<img src=x onerror=alert(1)>')).toBe('`<img src=x onerror=alert(1)>`');
    for (const line of md.split('\n').filter((l) => l.startsWith('| ') && l.includes('we'))) {
      // Every table row keeps its 6 columns (7 unescaped pipes).
      expect(line.replace(/\\\|/g, '').split('|').length).toBe(8);
    }
  });

  it('shows warnings first', () => {
    const text = formatMarkdown(withWarnings(report, ['This HAR looks sanitized.']));
    expect(text.indexOf('**Warning:** This HAR looks sanitized.')).toBeLessThan(text.indexOf('| Site |'));
  });
});

describe('SARIF report', () => {
  const report = sampleReport();
  const log = toSarif(report, { rules: listRules(), lessons: lessonFor });
  const run = log.runs[0];

  it('the vendored schema is the official draft-04 SARIF 2.1.0 schema, safe to check with Ajv 8', () => {
    const schema = loadSarifSchema();
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(() => assertDraft04Compatible(schema)).not.toThrow();
    expect(() => assertDraft04Compatible({ properties: { a: { exclusiveMinimum: true } } })).toThrow();
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(sarifSchemaErrors({ version: '2.1.0', runs: [{ results: [] }] }).length).toBeGreaterThan(0);
  });

  it('lists every rule with descriptions and help from the lessons', () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(listRules().map((r) => r.id));
    const r = rules.find((x) => x.id === 'session-missing-secure')!;
    const lesson = lessonFor('session-missing-secure')!;
    expect(r.shortDescription.text).toBe(lesson.title);
    expect(r.fullDescription.text).toContain(lesson.summary);
    expect(r.help.text).toContain(lesson.why);
    expect(r.defaultConfiguration.level).toBe('error');
    expect(Number(r.properties['security-severity'])).toBeGreaterThanOrEqual(7);
  });

  it('maps severity to level: high → error, medium → warning, low and info → note', () => {
    const all = report.sites.flatMap((s) => [
      ...s.findings,
      ...s.cookies.filter((c) => !c.thirdParty).flatMap((c) => c.findings),
    ]);
    expect(run.results.length).toBe(all.length);
    const levelOf = { high: 'error', medium: 'warning', low: 'note', info: 'note' } as const;
    for (const [i, f] of all.entries()) {
      expect(run.results[i].ruleId).toBe(f.rule);
      expect(run.results[i].level).toBe(levelOf[f.severity]);
      expect(run.tool.driver.rules[run.results[i].ruleIndex].id).toBe(f.rule);
    }
    expect(new Set(run.results.map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
  });

  it('locates pages through originalUriBaseIds with relative URIs (no http: URI in a location)', () => {
    expect(run.originalUriBaseIds).toEqual({
      SITE1: {
        uri: 'http://shop.example.com/',
        description: { text: 'Audited site http://shop.example.com' },
      },
      SITE2: {
        uri: 'https://secure.example.com/',
        description: { text: 'Audited site https://secure.example.com' },
      },
    });
    for (const r of run.results) {
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^[a-z]+:/i);
      expect(loc.artifactLocation.uri).not.toContain('?');
      expect(run.originalUriBaseIds[loc.artifactLocation.uriBaseId]).toBeDefined();
      expect(loc.region.startLine).toBe(1);
      expect(r.partialFingerprints['cookieAuditFinding/v1']).toMatch(/^[0-9a-f]{16}$/);
    }
    const first = run.results.find((r) => r.properties.origin === 'http://shop.example.com')!;
    expect(first.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'cart', uriBaseId: 'SITE1' });
    const root = run.results.find((r) => r.properties.origin === 'https://secure.example.com');
    if (root) expect(root.locations[0].physicalLocation.artifactLocation.uri).toBe('.');
  });

  it('fingerprints are stable across runs and differ per finding', () => {
    const again = toSarif(sampleReport(), { rules: listRules(), lessons: lessonFor });
    const a = run.results.map((r) => r.partialFingerprints['cookieAuditFinding/v1']);
    const b = again.runs[0].results.map((r) => r.partialFingerprints['cookieAuditFinding/v1']);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });

  it('never contains a cookie value, and carries warnings as notifications', () => {
    const text = JSON.stringify(toSarif(withWarnings(report, ['sanitized']), { rules: listRules() }));
    expect(text).not.toContain(SECRET_SESSION);
    expect(text).not.toContain(SECRET_CSRF);
    expect(text).toContain(
      '"toolExecutionNotifications":[{"level":"warning","message":{"text":"sanitized"}}]',
    );
  });
});

describe('renderReport, file names and --fail-on', () => {
  const report = sampleReport();

  it('renders every format without values', () => {
    for (const format of ['text', 'json', 'md', 'sarif'] as const) {
      const out = renderReport(withWarnings(report, ['w1']), format, {
        rules: listRules(),
        lessons: lessonFor,
      });
      expect(out).not.toContain(SECRET_SESSION);
      expect(out).toContain(format === 'sarif' ? '"text": "w1"' : 'w1');
    }
    expect(JSON.parse(renderReport(report, 'json', { rules: [] }))).toEqual(report);
  });

  it('names downloads by date and format', () => {
    expect(reportFileName(report, 'sarif')).toBe('cookie-audit-2026-01-15-09-30-00.sarif');
    expect(reportFileName(report, 'md')).toBe('cookie-audit-2026-01-15-09-30-00.md');
  });

  it('counts findings at or above a severity, ignoring third-party cookies', () => {
    const high = findingsAtOrAbove(report, 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((f) => f.severity === 'high')).toBe(true);
    expect(findingsAtOrAbove(report, 'low').length).toBeGreaterThan(
      findingsAtOrAbove(report, 'medium').length,
    );
    const hardenedOnly = { ...report, sites: [report.sites[1]] };
    expect(findingsAtOrAbove(hardenedOnly, 'high')).toEqual([]);
    const third = {
      ...report,
      sites: [
        {
          ...report.sites[0],
          findings: [],
          cookies: report.sites[0].cookies.map((c) => ({ ...c, thirdParty: true })),
        },
      ],
    };
    expect(findingsAtOrAbove(third, 'info')).toEqual([]);
  });
});
