import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../../src/core/index.ts';

const DATA = join(import.meta.dirname, '../../../src/core/data');
const files = readdirSync(DATA).filter((f) => f.endsWith('.json'));

const KEYS = new Set(['name', 'match', 'framework', 'vendor', 'note', 'generic']);

describe('src/core/data name lists', () => {
  it('holds the four lists', () => {
    expect(files.sort()).toEqual([
      'csrf-names.json',
      'infrastructure-names.json',
      'session-names.json',
      'tracking-names.json',
    ]);
  });

  for (const file of files) {
    const entries = JSON.parse(readFileSync(join(DATA, file), 'utf8')) as Record<string, unknown>[];

    it(`${file} follows the schema`, () => {
      expect(Array.isArray(entries)).toBe(true);
      expect(entries.length).toBeGreaterThan(5);
      for (const e of entries) {
        expect(
          Object.keys(e).every((k) => KEYS.has(k)),
          JSON.stringify(e),
        ).toBe(true);
        expect(typeof e.name === 'string' && e.name.length > 0).toBe(true);
        expect(['exact', 'prefix']).toContain(e.match);
        if (e.framework !== undefined) expect(FRAMEWORKS).toContain(e.framework);
        for (const k of ['vendor', 'note'] as const)
          if (e[k] !== undefined) expect(typeof e[k]).toBe('string');
        if (e.generic !== undefined) expect(typeof e.generic).toBe('boolean');
        expect(String(e.name)).not.toMatch(/[\s;,=]/);
      }
    });

    it(`${file} is sorted (case-insensitively, then exactly) without duplicates`, () => {
      const keys = entries.map((e) => [String(e.name).toLowerCase(), String(e.name)] as const);
      const sorted = [...keys].sort((a, b) =>
        a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
      );
      expect(keys).toEqual(sorted);
      expect(new Set(keys.map((k) => k[1])).size).toBe(keys.length);
    });
  }

  it('prefills the infrastructure list with the load-balancer and CDN cookies auditors trip on', () => {
    const infra = JSON.parse(readFileSync(join(DATA, 'infrastructure-names.json'), 'utf8')) as {
      name: string;
    }[];
    const names = infra.map((e) => e.name);
    for (const n of [
      'AWSALB',
      'AWSALBCORS',
      'ARRAffinity',
      'ARRAffinitySameSite',
      'heroku-session-affinity',
      '__cf_bm',
      '__cfruid',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('lists the tracking names that substring matching mistakes for sessions', () => {
    const tracking = JSON.parse(readFileSync(join(DATA, 'tracking-names.json'), 'utf8')) as {
      name: string;
    }[];
    const names = tracking.map((e) => e.name);
    for (const n of [
      '_ga',
      '_gid',
      '_fbp',
      '_twitter_sess',
      'taboola_session_id',
      'ai_session',
      '_hjSession_',
      'intercom-session-',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('never lists one name in two lists', () => {
    const seen = new Map<string, string>();
    for (const file of files) {
      for (const e of JSON.parse(readFileSync(join(DATA, file), 'utf8')) as { name: string }[]) {
        expect(seen.get(e.name), `${e.name} in ${file} and ${seen.get(e.name)}`).toBeUndefined();
        seen.set(e.name, file);
      }
    }
  });
});
