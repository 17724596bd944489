// A throwaway certificate authority and a localhost server certificate it signs, made fresh at every start.
import { randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SandboxCertificates {
  caCertPem: string;
  serverKeyPem: string;
  serverCertPem: string;
}

// EC keys keep start-up fast; sha256 because selfsigned's sha1 default is refused by OpenSSL ("ca md too weak").
export async function createCertificates(): Promise<SandboxCertificates> {
  const notAfterDate = new Date(Date.now() + 7 * 86_400_000);
  // A unique CA name per start: OpenSSL finds an issuer by name, so two trusted CAs with one name break each other's chains.
  const caName = `CSP Integration Bot Sandbox CA ${randomUUID()}`;
  const ca = await generate([{ name: 'commonName', value: caName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
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
  return { caCertPem: ca.cert, serverKeyPem: server.private, serverCertPem: server.cert };
}
