/**
 * Chromium's own word in a CLI run: the demo site's SameSite=None cookie without Secure is blocked
 * by Chromium (CDP blockedCookies, Audits ExcludeSameSiteNoneInsecure) and refused by the engine:
 * both verdicts sit side by side in the report, and no disagreement is warned about.
 */
import { describe, expect, it } from 'vitest';
import { type CookieAuditReport, formatText } from '../../src/core/index.ts';
import { runCli } from '../helpers/cli-runner.ts';
import { reportSchemaErrors } from '../helpers/report-schema.ts';

describe("cookie-audit in Chromium reports Chromium's own verdicts", () => {
  it("beside the engine's, schema-valid, with a warning only where they disagree", async () => {
    const r = await runCli(['--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as CookieAuditReport & { warnings?: string[] };
    expect(await reportSchemaErrors(report)).toEqual([]);
    const cookies = report.sites.flatMap((s) => s.cookies);
    const tracking = cookies.find((c) => c.name === 'tracking_pref');
    expect(tracking?.rejected).toEqual(['samesite-none-insecure']);
    expect(tracking?.browserVerdict?.stored).toBe(false);
    expect(tracking?.browserVerdict?.blocked).toEqual(['SameSiteNoneInsecure']);
    expect(tracking?.browserVerdict?.text).toMatch(/^Chromium: ExcludeSameSiteNoneInsecure/);
    const session = cookies.find((c) => c.name === 'sessionid');
    expect(session?.browserVerdict).toMatchObject({ stored: true, text: 'Chromium: stored' });
    expect((report.warnings ?? []).filter((w) => w.includes('disagree'))).toEqual([]);
    expect(formatText(report)).toContain('Chromium: ExcludeSameSiteNoneInsecure');
  });
});
