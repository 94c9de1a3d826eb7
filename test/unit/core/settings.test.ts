/** The settings shared by the options page, storage.sync and `cookie-audit --config`. */
import { describe, expect, it } from 'vitest';
import {
  auditSite,
  badgeShowsGrade,
  defaultUserSettings,
  emptySiteObservations,
  infrastructureIgnoreNames,
  listRules,
  observeSetCookie,
  toAuditSettings,
  validateSettings,
} from '../../../src/core/index.ts';

describe('validateSettings', () => {
  it('gives the defaults for nothing, with no problem', () => {
    const { settings, problems } = validateSettings(undefined);
    expect(problems).toEqual([]);
    expect(settings).toEqual(defaultUserSettings());
    expect(settings.sessionMaxLifetimeSeconds).toBe(12 * 3600);
    expect(settings.badge).toEqual({ mode: 'grade', threshold: 'A-' });
  });

  it('prefills the ignore list with the infrastructure cookies of the engine data (prefixes as *)', () => {
    const names = defaultUserSettings().ignoreNames;
    expect(names).toEqual(infrastructureIgnoreNames());
    expect(names).toEqual(
      expect.arrayContaining(['AWSALB', 'ARRAffinity', 'heroku-session-affinity', '__cf_bm']),
    );
    expect(names).toContain('BIGipServer*');
  });

  it('round-trips a valid object unchanged', () => {
    const input = {
      schema: 'cookie-audit-settings/1',
      ignoreNames: ['tracking_pref', 'ab_*'],
      disabledRules: ['session-no-prefix', 'hsts-no-preload'],
      severityOverrides: { 'session-missing-samesite': 'high' },
      sessionMaxLifetimeSeconds: 3600,
      badge: { mode: 'below', threshold: 'B' },
      acceptedRisks: [
        { rule: 'hsts-missing', reason: 'HSTS is set by the load balancer in production' },
        {
          rule: 'session-missing-samesite',
          cookie: 'legacy_sid',
          site: 'https://app.example',
          reason: 'Legacy SSO needs cross-site posts',
          until: '2027-03-31',
        },
      ],
    };
    const { settings, problems } = validateSettings(JSON.parse(JSON.stringify(input)));
    expect(problems).toEqual([]);
    expect(settings).toEqual(input);
  });

  it.each([
    ['a string', 'not json at all'],
    ['a list', [1, 2, 3]],
    ['null', null],
    ['a number', 42],
  ])('falls back to every default for %s, with a notice', (_label, raw) => {
    const { settings, problems } = validateSettings(raw);
    expect(settings).toEqual(defaultUserSettings());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/must be a JSON object.*using the defaults/);
  });

  it('falls back for an unknown (older or newer) format', () => {
    const { settings, problems } = validateSettings({
      schema: 'cookie-audit-settings/0',
      ignoreNames: ['x'],
    });
    expect(settings).toEqual(defaultUserSettings());
    expect(problems[0]).toMatch(/unknown format/);
  });

  it('keeps the valid fields and names each corrupt one', () => {
    const { settings, problems } = validateSettings({
      ignoreNames: 'AWSALB',
      disabledRules: ['no-such-rule', 'session-no-prefix'],
      severityOverrides: { 'session-missing-secure': 'critical', 'hsts-missing': 'low', bogus: 'high' },
      sessionMaxLifetimeSeconds: -5,
      badge: { mode: 'sometimes', threshold: 'B' },
      ignoreList: ['legacy key'],
    });
    expect(settings.ignoreNames).toEqual(defaultUserSettings().ignoreNames);
    expect(settings.disabledRules).toEqual(['session-no-prefix']);
    expect(settings.severityOverrides).toEqual({ 'hsts-missing': 'low' });
    expect(settings.sessionMaxLifetimeSeconds).toBe(43200);
    expect(settings.badge).toEqual({ mode: 'grade', threshold: 'B' });
    expect(problems.join('\n')).toMatch(/ignoreList/);
    expect(problems.join('\n')).toMatch(/ignoreNames must be a list/);
    expect(problems.join('\n')).toMatch(/unknown rule id "no-such-rule"/);
    expect(problems.join('\n')).toMatch(/"session-missing-secure" must be one of/);
    expect(problems.join('\n')).toMatch(/sessionMaxLifetimeSeconds/);
    expect(problems.join('\n')).toMatch(/badge.mode/);
    expect(problems).toHaveLength(7);
  });

  it('trims, de-duplicates and rejects names that cannot be cookie names', () => {
    const { settings, problems } = validateSettings({ ignoreNames: [' a ', 'a', '', 'b c', 'x=y', 'ok_*'] });
    expect(settings.ignoreNames).toEqual(['a', 'ok_*']);
    expect(problems).toHaveLength(2);
  });

  it('accepts every rule id of the catalog', () => {
    const ids = listRules().map((r) => r.id);
    expect(validateSettings({ disabledRules: ids }).problems).toEqual([]);
  });
});

describe('settings in the engine and the badge', () => {
  const url = 'https://app.example.com/';
  const obs = (lines: string[]) =>
    emptySiteObservations(url, {
      cookies: lines.map((l) => observeSetCookie(l, { url, now: 1_000 })),
      schemesSeen: ['https'],
    });

  it('ignore list, disabled rules, overrides and lifetime reach auditSite', () => {
    const site = obs(['sessionid=abcdefghijklmnopqrstuvwxyz012345; Path=/; Secure; HttpOnly; Max-Age=86400']);
    const base = auditSite(site, { ...toAuditSettings(defaultUserSettings()), now: 2_000 });
    const rules = base.cookies[0].findings.map((f) => f.rule);
    expect(rules).toContain('session-long-lived');
    expect(rules).toContain('session-missing-samesite');

    const day = validateSettings({ sessionMaxLifetimeSeconds: 2 * 86400 }).settings;
    expect(
      auditSite(site, { ...toAuditSettings(day), now: 2_000 }).cookies[0].findings.map((f) => f.rule),
    ).not.toContain('session-long-lived');

    const tuned = validateSettings({
      disabledRules: ['session-missing-samesite'],
      severityOverrides: { 'session-long-lived': 'high' },
    }).settings;
    const t = auditSite(site, { ...toAuditSettings(tuned), now: 2_000 });
    expect(t.cookies[0].findings.map((f) => f.rule)).not.toContain('session-missing-samesite');
    expect(t.cookies[0].findings.find((f) => f.rule === 'session-long-lived')?.severity).toBe('high');

    const ignored = validateSettings({ ignoreNames: ['session*'] }).settings;
    expect(auditSite(site, { ...toAuditSettings(ignored), now: 2_000 }).cookies[0].findings).toEqual([]);
  });

  it('badge modes', () => {
    expect(badgeShowsGrade({ mode: 'grade', threshold: 'A-' }, 'A+')).toBe(true);
    expect(badgeShowsGrade({ mode: 'off', threshold: 'A-' }, 'F')).toBe(false);
    expect(badgeShowsGrade({ mode: 'below', threshold: 'B' }, 'B')).toBe(false);
    expect(badgeShowsGrade({ mode: 'below', threshold: 'B' }, 'B-')).toBe(true);
    expect(badgeShowsGrade({ mode: 'below', threshold: 'B' }, 'A')).toBe(false);
  });
});
