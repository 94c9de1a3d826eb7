import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../helpers/site.ts';

const RULE = 'domain-rejected';

describe(RULE, () => {
  it('flags a Domain that does not cover the host', () => {
    const f = findingsOf(RULE, ['a=1; Domain=other.example.org']);
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('does not cover app.example.com');
  });

  it('flags a public-suffix Domain (Public Suffix List, private section included)', () => {
    expect(findingsOf(RULE, ['a=1; Domain=com'])[0].evidence).toContain('public suffix');
    expect(
      findingsOf(RULE, ['a=1; Domain=herokuapp.com'], { url: 'https://my-app.herokuapp.com/' }),
    ).toHaveLength(1);
  });

  it('does not flag a matching Domain, or a public suffix identical to the host', () => {
    expect(findingsOf(RULE, ['a=1; Domain=example.com'])).toEqual([]);
    expect(findingsOf(RULE, ['a=1; Domain=github.io'], { url: 'https://github.io/' })).toEqual([]);
  });
});
