// GET /exports/*.csv: the mappings and the waiting approvals as CSV, behind short-lived signed links from their cards.
import type restify from 'restify';
import type { LinkSigner } from '../services/crypto/linkSigner.js';

export const MAPPINGS_EXPORT = 'mappings.csv';
export const APPROVALS_EXPORT = 'approvals.csv';
// An export link works for a quarter of an hour: long enough to click, short enough not to leak for long.
const EXPORT_LINK_TTL_MS = 15 * 60_000;

/** A link to one export, signed to work for a quarter of an hour. */
export function exportLink(links: LinkSigner, publicBaseUrl: string, name: string): string {
  return `${publicBaseUrl}/exports/${name}?${links.sign(name, EXPORT_LINK_TTL_MS)}`;
}

export function registerExportRoutes(
  server: restify.Server,
  deps: { links: LinkSigner; mappingsCsv: () => Promise<string>; approvalsCsv: () => Promise<string> },
): void {
  serveCsv(server, deps.links, MAPPINGS_EXPORT, 'csp-mappings', 'the mappings list', () =>
    deps.mappingsCsv(),
  );
  serveCsv(server, deps.links, APPROVALS_EXPORT, 'csp-waiting-approvals', 'the approvals list', () =>
    deps.approvalsCsv(),
  );
}

function serveCsv(
  server: restify.Server,
  links: LinkSigner,
  name: string,
  filePrefix: string,
  card: string,
  csv: () => Promise<string>,
): void {
  server.get(`/exports/${name}`, async (req: restify.Request, res: restify.Response) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    // Each link is signed for its own file: a mappings link does not open the approvals.
    if (!links.verify(name, query)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`This export link has expired. Open ${card} in Teams again for a new one.`);
      return;
    }
    let body: string;
    try {
      body = await csv();
    } catch {
      // The approvals are read live from Graph, which can fail; the card's own error path is not here to explain.
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        `The list could not be read just now. Try the link again in a minute, or open ${card} in Teams.`,
      );
      return;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filePrefix}-${stamp}.csv"`,
      'cache-control': 'no-store',
    });
    res.end(body);
  });
}
