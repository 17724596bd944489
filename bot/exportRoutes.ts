// GET /exports/mappings.csv: the mappings as CSV behind a short-lived signed link from the mappings card.
import type restify from 'restify';
import type { LinkSigner } from '../services/crypto/linkSigner.js';

export const MAPPINGS_EXPORT = 'mappings.csv';

export function registerExportRoutes(
  server: restify.Server,
  deps: { links: LinkSigner; mappingsCsv: () => Promise<string> },
): void {
  server.get(`/exports/${MAPPINGS_EXPORT}`, async (req: restify.Request, res: restify.Response) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (!deps.links.verify(MAPPINGS_EXPORT, query)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('This export link has expired. Open the mappings list in Teams again for a new one.');
      return;
    }
    const csv = await deps.mappingsCsv();
    const stamp = new Date().toISOString().slice(0, 10);
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="csp-mappings-${stamp}.csv"`,
      'cache-control': 'no-store',
    });
    res.end(csv);
  });
}
