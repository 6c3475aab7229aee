// The development certificate for https://localhost:3000: made once, kept under .certs/.
//
// node:crypto makes keys but not X.509 certificates, so the `selfsigned` package signs one.
// Office requires HTTPS for the task pane; trusting this certificate is a manual step (README).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
  /** Whether this call created it (first run). */
  created: boolean;
}

const KEY_FILE = 'localhost.key';
const CERT_FILE = 'localhost.crt';
/** Renewed this long before it runs out, so a long-lived checkout keeps working. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;
const VALID_DAYS = 365;

/** Reads the certificate from `folder`, or makes a new one there when missing or near its end. */
export async function ensureCertificate(folder: string, now = new Date()): Promise<Certificate> {
  const keyPath = join(folder, KEY_FILE);
  const certPath = join(folder, CERT_FILE);
  if (existsSync(keyPath) && existsSync(certPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    if (validTo - now.getTime() > RENEW_BEFORE_MS) {
      return { key: readFileSync(keyPath, 'utf8'), cert, created: false };
    }
  }
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert);
  return { key: pems.private, cert: pems.cert, created: true };
}
