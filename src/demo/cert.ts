/**
 * A throw-away self-signed certificate for the demo site's HTTPS, made at start: no private key is
 * committed. Generated once per process and kept in memory only.
 */
import { generate } from 'selfsigned';

let cached: Promise<{ key: string; cert: string }> | undefined;

export function demoCertificate(): Promise<{ key: string; cert: string }> {
  cached ??= generate([{ name: 'commonName', value: 'Cookie Audit demo (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: '*.staging.test' },
          { type: 2, value: '*.thirdparty.test' },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}
