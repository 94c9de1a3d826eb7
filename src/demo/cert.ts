/**
 * A throw-away self-signed certificate for the demo site's HTTPS, made at start: no private key is
 * committed. Generated once per process and kept in memory only.
 */
import { createHash, X509Certificate } from 'node:crypto';
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

/**
 * Base64 SHA-256 of the demo certificate's public key (SubjectPublicKeyInfo), as Chromium's
 * --ignore-certificate-errors-spki-list takes it: the browser then trusts this one key, not every
 * certificate on the web.
 */
export async function demoCertificateSpki(): Promise<string> {
  const { cert } = await demoCertificate();
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
