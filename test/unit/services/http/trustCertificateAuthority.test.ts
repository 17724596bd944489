// Trusting a CA made at run time: both global fetch and node:https accept its certificates afterwards, and earlier CAs stay trusted.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { createCertificates } from '../../../../sandbox/certificates.js';
import { trustCertificateAuthority } from '../../../../services/http/trustCertificateAuthority.js';

async function serverWithFreshCa(): Promise<{ url: string; caCertPem: string; close: () => void }> {
  const certificates = await createCertificates();
  const server = https.createServer(
    { key: certificates.serverKeyPem, cert: certificates.serverCertPem },
    (_req, res) => res.end('trusted'),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    caCertPem: certificates.caCertPem,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

function httpsGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
}

describe('trustCertificateAuthority', () => {
  const servers: { close: () => void }[] = [];
  after(() => servers.forEach((server) => server.close()));

  it('makes fetch and node:https accept a CA they refused before', async () => {
    const server = await serverWithFreshCa();
    servers.push(server);
    await assert.rejects(fetch(server.url), /fetch failed/);
    await assert.rejects(httpsGet(server.url));

    trustCertificateAuthority(server.caCertPem);
    assert.equal(await (await fetch(server.url)).text(), 'trusted');
    assert.equal(await httpsGet(server.url), 'trusted');
  });

  it('keeps every CA trusted so far, and the system roots', async () => {
    const first = await serverWithFreshCa();
    const second = await serverWithFreshCa();
    servers.push(first, second);
    trustCertificateAuthority(first.caCertPem);
    trustCertificateAuthority(second.caCertPem);
    trustCertificateAuthority(first.caCertPem);

    assert.equal(await (await fetch(first.url)).text(), 'trusted');
    assert.equal(await (await fetch(second.url)).text(), 'trusted');
    const ca = https.globalAgent.options.ca as string[];
    assert.ok(tls.rootCertificates.every((root) => ca.includes(root)));
    assert.equal(ca.filter((pem) => pem === first.caCertPem.trim()).length, 1);
  });
});
