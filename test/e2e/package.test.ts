/**
 * The npm package as a user gets it: `npm pack` (which builds through prepack), then the tarball
 * installed into an empty folder under the system temp dir — outside the repository, so nothing
 * resolves from its node_modules — and everything run from there: the CLI (--version, --rules,
 * --har, live audits of the bundled demo site in Chromium and Firefox), the library from plain Node
 * ESM and from TypeScript, docs/api.md's example, and the GitHub Action's script.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/paths.ts';
import { listRules } from '../../src/core/index.ts';
import { DEMO_HOSTS, DEMO_USER, startDemoSite } from '../../src/demo/server.ts';
import { runProcess } from '../helpers/cli-runner.ts';
import { reportSchemaErrors } from '../helpers/report-schema.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

let work: string;
let consumer: string;
let tarball: string;
const timings: Record<string, number> = {};

/** The environment of a user's shell: no npm_* variables of the `npm test` that runs us, no NODE_PATH. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'NODE_PATH' || key === 'NODE_OPTIONS' || key.startsWith('VITEST'))
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env = userEnv()): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  if (result.error) throw result.error;
  return result;
}

/** Asynchronous: the live audits serve nothing from this process, but must not block it either. */
function runAsync(command: string, args: string[], cwd: string, env = userEnv()) {
  return runProcess(command, args, { cwd, env });
}

const bin = () => path.join(consumer, 'node_modules', '.bin', 'cookie-audit');
const installed = () => path.join(consumer, 'node_modules', 'cookie-audit');

function timed<T>(name: string, fn: () => T): T {
  const start = Date.now();
  const out = fn();
  timings[name] = Date.now() - start;
  return out;
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'cookie-audit-package-'));
  expect(path.relative(ROOT, work).startsWith('..')).toBe(true);
  const packed = timed('npm pack (with prepack build)', () =>
    run('npm', ['pack', '--pack-destination', work, '--json'], ROOT),
  );
  expect(packed.status, packed.stderr).toBe(0);
  tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
  consumer = path.join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const install = timed('npm install <tarball>', () =>
    run('npm', ['install', '--no-audit', '--no-fund', tarball], consumer),
  );
  expect(install.status, install.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  console.log(
    `package test timings: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')}`,
  );
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds only compiled JavaScript, types, both extension builds, the schema and the docs', () => {
    const listing = run('tar', ['-tzf', tarball], work).stdout.trim().split('\n');
    const files = listing.map((f) => f.replace(/^package\//, ''));
    const allowed = (f: string) =>
      ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f) ||
      /^dist-node\/.+\.(js|d\.ts|json|css)$/.test(f) ||
      /^dist(-firefox)?\//.test(f) ||
      /^docs\/[^/]+\.schema\.json$/.test(f);
    expect(files.filter((f) => !allowed(f))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const needed of [
      'dist/manifest.json',
      'dist-firefox/manifest.json',
      'dist-node/cli/bin.js',
      'dist-node/index.js',
      'dist-node/index.d.ts',
      'dist-node/playwright/index.js',
      'dist-node/playwright/index.d.ts',
      'dist-node/demo/server.js',
      'dist-node/action/run.js',
      'docs/cookie-audit-report-1.schema.json',
      'LICENSE',
      'CHANGELOG.md',
    ]) {
      expect(files, needed).toContain(needed);
    }
    const manifest = JSON.parse(readFileSync(path.join(installed(), 'dist', 'manifest.json'), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
  });

  it('installs with its runtime dependencies only: no tsx, no TypeScript at run time', () => {
    const meta = JSON.parse(readFileSync(path.join(installed(), 'package.json'), 'utf8'));
    expect(meta.private).toBeUndefined();
    expect(meta.license).toBe('MIT');
    expect(Object.keys(meta.dependencies ?? {})).not.toContain('tsx');
    expect(existsSync(path.join(consumer, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(path.join(consumer, 'node_modules', 'typescript'))).toBe(false);
    expect(readFileSync(path.join(installed(), 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });
});

describe('cookie-audit, installed', () => {
  it('--version prints the package version; --help is the reference', () => {
    const version = run(bin(), ['--version'], consumer);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const help = run(bin(), ['--help'], consumer);
    expect(help.stdout).toContain('Usage: cookie-audit');
    expect(help.stdout).toContain('--version');
  });

  it('--rules --format json lists the catalog', () => {
    const rules = run(bin(), ['--rules', '--format', 'json'], consumer);
    expect(rules.status, rules.stderr).toBe(0);
    const list = JSON.parse(rules.stdout) as { id: string }[];
    expect(list.map((r) => r.id)).toEqual(listRules().map((r) => r.id));
  });

  it('--har FILE --format sarif audits a HAR offline', () => {
    const harFile = path.join(work, 'site.har');
    writeFileSync(
      harFile,
      JSON.stringify({
        log: {
          version: '1.2',
          entries: [
            {
              startedDateTime: new Date().toISOString(),
              request: { method: 'GET', url: 'http://shop.example/', headers: [], cookies: [] },
              response: {
                status: 200,
                headers: [
                  { name: 'Content-Type', value: 'text/html' },
                  { name: 'Set-Cookie', value: 'sessionid=Zq81LmB0vX2rN7cT4yK9pA6sD3fG5hJ1; Path=/' },
                ],
                cookies: [],
                content: { mimeType: 'text/html' },
              },
            },
          ],
        },
      }),
    );
    const result = run(bin(), ['--har', harFile, '--format', 'sarif'], consumer);
    expect(result.status, result.stderr).toBe(0);
    const sarif = JSON.parse(result.stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain(
      'session-missing-secure',
    );
    expect(result.stdout).not.toContain('Zq81LmB0vX2rN7cT4yK9pA6sD3fG5hJ1');
  });

  it('audits the bundled demo site in Chromium with no URL (JSON valid against the schema)', async () => {
    const start = Date.now();
    const result = await runAsync(bin(), ['--format', 'json'], consumer);
    timings['live audit, Chromium'] = Date.now() - start;
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.generator.version).toBe(pkg.version);
    const grades = Object.fromEntries(
      (report.sites as { origin: string; grade: string }[]).map((s) => [new URL(s.origin).hostname, s.grade]),
    );
    expect(grades['legacy.staging.test']).toBe('F');
    expect(grades['secure.staging.test']).toMatch(/^A/);
    // It announces a picture of the popup for the page it names, taken while that page was shown.
    const shot = /Screenshot of the popup for (http:\/\/legacy\.staging\.test:\d+\/): (\S+\.png)/.exec(
      result.stderr,
    );
    expect(shot, result.stderr).not.toBeNull();
    expect(statSync(shot![2]).size).toBeGreaterThan(10_000);
  });

  it('--browser firefox names the optional package to install, then audits the demo site in Firefox', async () => {
    const missing = run(bin(), ['--browser', 'firefox'], consumer);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('npm install puppeteer-core');

    const range = pkg.devDependencies['puppeteer-core'];
    const add = timed('npm install puppeteer-core', () =>
      run('npm', ['install', '--no-audit', '--no-fund', `puppeteer-core@${range}`], consumer),
    );
    expect(add.status, add.stderr).toBe(0);
    const start = Date.now();
    const result = await runAsync(bin(), ['--browser', 'firefox', '--format', 'json'], consumer);
    timings['live audit, Firefox'] = Date.now() - start;
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.sites.map((s: { origin: string }) => new URL(s.origin).hostname)).toEqual([
      'legacy.staging.test',
      'secure.staging.test',
    ]);
    expect(report.sites[0].grade).toBe('F');
  });
});

describe('the library, installed', () => {
  it('imports from plain Node ESM: engine, wired audits, the Playwright helper and the schema', () => {
    const file = path.join(consumer, 'plain.mjs');
    writeFileSync(
      file,
      `import * as lib from 'cookie-audit';
import { auditPage, assertNoFindings, watchCookies } from 'cookie-audit/playwright';
import schema from 'cookie-audit/schemas/cookie-audit-report-1.schema.json' with { type: 'json' };
const obs = lib.observeSetCookie('sid=QmFzZTY0U2Vzc2lvblRva2VuMTIzNDU2Nzg; Path=/', { url: 'https://a.example/', now: Date.now() });
const report = lib.auditSites([{ url: 'https://a.example/', origin: 'https://a.example', cookies: [obs],
  responses: [], redirects: [], sentInClear: [], logins: [], sessionInUrl: [], schemesSeen: ['https'] }]);
console.log(JSON.stringify({
  version: lib.VERSION,
  parsed: lib.parseSetCookie('a=b; Secure').secure,
  grade: report.sites[0].grade,
  formats: lib.REPORT_FORMATS.map((f) => lib.formatReport(report, f).length > 0),
  rules: lib.listRules().length,
  helper: [typeof auditPage, typeof assertNoFindings, typeof watchCookies],
  schemaId: schema.$id ?? schema.title,
}));
`,
    );
    const result = run(process.execPath, [file], consumer);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.version).toBe(pkg.version);
    expect(out.parsed).toBe(true);
    expect(out.grade).toMatch(/^[A-F][+-]?$/);
    expect(out.formats).toEqual(out.formats.map(() => true));
    expect(out.formats.length).toBeGreaterThanOrEqual(6);
    expect(out.rules).toBe(listRules().length);
    expect(out.helper).toEqual(['function', 'function', 'function']);
    expect(out.schemaId).toBeTruthy();
  });

  it('runs the example of docs/api.md as written', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8');
    const example = /## Example \(runnable\)[\s\S]*?```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeTruthy();
    writeFileSync(path.join(consumer, 'example.mjs'), example!);
    const result = run(process.execPath, ['example.mjs'], consumer);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('sessionid lax false');
    expect(lines[1]).toBe('F');
    expect(lines).toContain('2.1.0 true');
    expect(result.stdout).toContain('The HAR file has no requests.');
    expect(result.stdout).not.toContain('3f9a1c0e7b2d4a6f8e1c3b5d7a9f0e2c');
  });

  it('type-checks a TypeScript consumer against the declarations, and rejects a wrong use', () => {
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        types: [],
        lib: ['ES2023'],
      },
    };
    writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(
      path.join(consumer, 'consumer.ts'),
      `import { auditHar, formatReport, type CookieAuditReport, type Grade, type ReportFormat, listRules, type Severity } from 'cookie-audit';
import { assertNoFindings, auditPage, type AuditPageOptions } from 'cookie-audit/playwright';
const report = auditHar({ log: { entries: [] } }, { settings: { ignoreNames: ['AWSALB'] } });
const grades: Grade[] = report.sites.map((s) => s.grade);
const format: ReportFormat = 'sarif';
const text: string = formatReport(report, format);
const severity: Severity = listRules()[0].severity;
const options: AuditPageOptions = { origins: ['https://a.example'] };
const check = (r: CookieAuditReport) => assertNoFindings(r, { atOrAbove: severity });
export { grades, text, options, check, auditPage };
`,
    );
    const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
    const ok = run(tsc, ['-p', 'tsconfig.json'], consumer);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);

    writeFileSync(
      path.join(consumer, 'consumer.ts'),
      `import { auditHar } from 'cookie-audit';
import { assertNoFindings } from 'cookie-audit/playwright';
const grade: number = auditHar({}).sites[0].grade;
assertNoFindings(auditHar({}), { atOrAbove: 'critical' });
export { grade };
`,
    );
    const wrong = run(tsc, ['-p', 'tsconfig.json'], consumer);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/consumer\.ts\(3,7\): error TS2322/);
    expect(wrong.stdout).toMatch(/consumer\.ts\(4,\d+\): error TS2322/);
  });
});

describe('the GitHub Action, run locally from the installed package', () => {
  it('writes the SARIF file, appends the Markdown report to the step summary and sets the outputs', async () => {
    const summary = path.join(work, 'step-summary.md');
    const outputs = path.join(work, 'github-output.txt');
    writeFileSync(summary, '# Earlier step\n');
    writeFileSync(outputs, '');
    const outDir = path.join(work, 'action-results');
    const start = Date.now();
    const result = await runAsync(
      process.execPath,
      [path.join(installed(), 'dist-node', 'action', 'run.js')],
      work,
      userEnv({
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: outputs,
        INPUT_URLS: '',
        'INPUT_FAIL-ON': 'high',
        INPUT_FORMAT: 'md',
        INPUT_OUTPUT_DIR: outDir,
      }),
    );
    timings['action (demo site)'] = Date.now() - start;
    // The demo's insecure page has high findings: the step fails, after writing everything.
    expect(result.status, result.stderr).toBe(1);

    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# Earlier step\n')).toBe(true);
    expect(md).toContain('legacy.staging.test');
    expect(md).toMatch(/\| *high *\|/i);

    const lines = readFileSync(outputs, 'utf8').trim().split('\n');
    const out = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const grades = JSON.parse(out.grade) as Record<string, string>;
    const legacy = Object.keys(grades).find((o) => o.includes('legacy.staging.test'))!;
    expect(grades[legacy]).toBe('F');
    expect(Number(out.high)).toBeGreaterThan(0);
    for (const s of ['medium', 'low', 'info']) expect(out[s]).toMatch(/^\d+$/);
    expect(Number(out.failing)).toBe(Number(out.high));
    expect(out['report-path']).toBe(path.join(outDir, 'cookie-audit.md'));
    expect(readFileSync(out['report-path'], 'utf8')).toContain('legacy.staging.test');
    const sarif = JSON.parse(readFileSync(out['sarif-path'], 'utf8'));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.length).toBe(
      Number(out.high) + Number(out.medium) + Number(out.low) + Number(out.info),
    );
  });

  it('logs in with the password input, audits the given URLs and never writes the password', async () => {
    const demo = await startDemoSite();
    try {
      const summary = path.join(work, 'login-summary.md');
      const outputs = path.join(work, 'login-output.txt');
      const outDir = path.join(work, 'login-results');
      const result = await runAsync(
        process.execPath,
        [path.join(installed(), 'dist-node', 'action', 'run.js')],
        work,
        userEnv({
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_OUTPUT: outputs,
          INPUT_URLS: `${demo.urls.secureAccount}\n${demo.urls.hardened}`,
          'INPUT_LOGIN-URL': demo.urls.secureLogin,
          INPUT_USER: DEMO_USER.username,
          INPUT_PASSWORD: DEMO_USER.password,
          INPUT_INSECURE: 'true',
          'INPUT_LOOPBACK-HOSTS': Object.values(DEMO_HOSTS).join(','),
          'INPUT_FAIL-ON': '',
          INPUT_FORMAT: 'json',
          INPUT_OUTPUT_DIR: outDir,
        }),
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toContain('Logged in');
      const out = Object.fromEntries(
        readFileSync(outputs, 'utf8')
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      expect(Object.keys(JSON.parse(out.grade))).toEqual([new URL(demo.urls.hardened).origin]);
      expect(out.failing).toBe('0');
      const report = JSON.parse(readFileSync(out['report-path'], 'utf8'));
      expect(reportSchemaErrors(report)).toEqual([]);
      for (const file of [summary, outputs, out['report-path'], out['sarif-path']]) {
        expect(readFileSync(file, 'utf8')).not.toContain(DEMO_USER.password);
      }
      expect(result.stdout + result.stderr).not.toContain(DEMO_USER.password);
    } finally {
      await demo.close();
    }
  });
});
