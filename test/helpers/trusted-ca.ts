/**
 * A certificate authority made at test time and trusted the way a real machine trusts one: through
 * an NSS database in a throw-away HOME (Chromium on Linux reads $HOME/.pki/nssdb). Serving with a
 * certificate it signed, Chromium treats the site as a real one — it keeps HSTS, which it never
 * does for a connection whose certificate errors were ignored. Needs openssl and certutil
 * (Debian: libnss3-tools).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TrustedCa {
  /** Use as HOME for the browser: its NSS database trusts the CA. */
  home: string;
  /** A certificate for the given host names, signed by the CA. */
  key: string;
  cert: string;
  close(): void;
}

export function makeTrustedCa(hosts: readonly string[]): TrustedCa {
  const dir = mkdtempSync(path.join(tmpdir(), 'cookie-audit-ca-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Cookie Audit test CA (throw-away)',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file('leaf.key'),
    '-out',
    file('leaf.csr'),
    '-subj',
    `/CN=${hosts[0]}`,
  );
  writeFileSync(
    file('leaf.ext'),
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\n`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('leaf.pem'),
    '-days',
    '2',
    '-extfile',
    file('leaf.ext'),
  );
  const home = path.join(dir, 'home');
  const nssdb = path.join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password'], { stdio: 'pipe' });
  execFileSync(
    'certutil',
    ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'cookie-audit-test-ca', '-i', file('ca.pem')],
    {
      stdio: 'pipe',
    },
  );
  return {
    home,
    key: readFileSync(file('leaf.key'), 'utf8'),
    cert: readFileSync(file('leaf.pem'), 'utf8'),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
