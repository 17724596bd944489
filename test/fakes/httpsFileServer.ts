// A local https server that plays Teams' file download links for attachment tests, counting what it is asked.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCertificates } from '../../sandbox/certificates.js';
import { trustCertificateAuthority } from '../../services/http/trustCertificateAuthority.js';

export class HttpsFileServer {
  requests = 0;
  /** Bytes written of the endless file before the client hung up. */
  endlessBytesSent = 0;
  readonly #files = new Map<string, string>();
  #next = 0;

  private readonly server: Server;

  private constructor(key: string, cert: string) {
    this.server = createServer({ key, cert }, (request, response) =>
      this.answer(request.url ?? '', response),
    );
  }

  static async start(): Promise<HttpsFileServer> {
    const certificates = await createCertificates();
    trustCertificateAuthority(certificates.caCertPem);
    const files = new HttpsFileServer(certificates.serverKeyPem, certificates.serverCertPem);
    await new Promise<void>((resolve) => files.server.listen(0, '127.0.0.1', resolve));
    return files;
  }

  /** A download link for these contents. */
  add(contents: string): string {
    const path = `/files/${(this.#next += 1)}.csv`;
    this.#files.set(path, contents);
    return this.url(path);
  }

  /** A link whose file never ends (sent without a length), to prove the reader stops at its limit. */
  endless(): string {
    return this.url('/endless.csv');
  }

  /** A link that answers 302 to `to`, as a storage front end may. */
  redirect(to: string): string {
    return this.url(`/redirect?to=${encodeURIComponent(to)}`);
  }

  url(path: string): string {
    return `https://localhost:${(this.server.address() as AddressInfo).port}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(path: string, response: import('node:http').ServerResponse): void {
    this.requests += 1;
    if (path === '/endless.csv') return this.stream(response);
    if (path.startsWith('/redirect?')) {
      const to = new URLSearchParams(path.slice('/redirect?'.length)).get('to') ?? '/';
      response.writeHead(302, { location: to });
      return void response.end();
    }
    const contents = this.#files.get(path);
    response.writeHead(contents === undefined ? 404 : 200, { 'content-type': 'text/csv' });
    response.end(contents ?? '');
  }

  private stream(response: import('node:http').ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/csv' });
    const line = Buffer.from('Name\n' + 'A'.repeat(64 * 1024));
    const limit = 64 * 1024 * 1024;
    const write = (): void => {
      while (this.endlessBytesSent < limit && !response.destroyed) {
        this.endlessBytesSent += line.length;
        if (!response.write(line)) return void response.once('drain', write);
      }
      response.end();
    };
    write();
  }
}
