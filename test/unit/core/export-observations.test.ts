import { describe, expect, it } from 'vitest';
import { auditSite, emptySiteObservations, observationsForExport } from '../../../src/core/index.ts';

const site = () =>
  emptySiteObservations('https://app.example/', {
    logins: [
      {
        url: 'https://app.example/login',
        observedAt: 1,
        cookies: [
          { name: 'sessionid', beforeHash: 'k3y3dh4sh-same', afterHash: 'k3y3dh4sh-same' },
          { name: 'csrftoken', beforeHash: 'k3y3dh4sh-old', afterHash: 'k3y3dh4sh-new' },
          { name: 'fresh', beforeHash: null, afterHash: 'k3y3dh4sh-fresh' },
        ],
      },
    ],
  });

describe('observationsForExport', () => {
  it('writes no keyed hash of a value', () => {
    const text = JSON.stringify(observationsForExport([site()]));
    expect(text).not.toContain('k3y3dh4sh');
  });

  it('keeps whether each value changed across the login, so a merged audit judges rotation alike', () => {
    const [exported] = observationsForExport([site()]);
    const cookies = exported.logins[0].cookies;
    expect(cookies.map((c) => c.beforeHash !== null && c.beforeHash === c.afterHash)).toEqual([
      true,
      false,
      false,
    ]);
    expect(cookies[2].beforeHash).toBeNull();
    const rules = (s: typeof exported) =>
      auditSite(s)
        .findings.map((f) => f.rule)
        .sort();
    expect(rules(exported)).toEqual(rules(site()));
  });
});
