// Finds a CSV file in a Teams message without reading it, and downloads it over https within a size limit.
import type { TurnContext } from 'botbuilder';
import { AppError } from '../services/errors.js';

const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
// The import refuses larger files anyway; stop reading well before memory becomes a concern.
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
// Teams' download links answer directly; a few hops leave room for a storage front end, not for a loop.
const MAX_REDIRECTS = 3;
const NOT_HTTPS =
  'I can only read files that Teams shares over a secure (https) link. Attach the file in Teams.';

export interface CsvAttachment {
  name: string;
  url: string;
}

/** The first CSV attachment of the message, found from the activity alone: nothing is fetched. */
export function findCsvAttachment(context: TurnContext): CsvAttachment | undefined {
  for (const attachment of context.activity.attachments ?? []) {
    const name = attachment.name ?? 'file.csv';
    const content = attachment.content as { downloadUrl?: string; fileType?: string } | undefined;
    const isCsv =
      /\.csv$/i.test(name) || content?.fileType === 'csv' || attachment.contentType === 'text/csv';
    if (!isCsv) continue;
    // Teams hands files to bots as a pre-authorized download URL; other clients use contentUrl.
    const url = attachment.contentType === TEAMS_FILE ? content?.downloadUrl : attachment.contentUrl;
    if (typeof url === 'string') return { name, url };
  }
  return undefined;
}

/** Downloads the file: https only (Teams' download links are), redirects too, and reading stops at the size limit. */
export async function downloadCsv(
  attachment: CsvAttachment,
  fetcher: typeof fetch = fetch,
): Promise<Uint8Array> {
  let url = attachment.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isHttps(url)) throw refused(NOT_HTTPS);
    const abort = new AbortController();
    const response = await fetcher(url, { redirect: 'manual', signal: abort.signal });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      abort.abort();
      url = new URL(location, url).href;
      continue;
    }
    if (!response.ok || !response.body) {
      abort.abort();
      throw refused(`Teams did not hand over that file (it answered ${response.status}). Attach it again.`);
    }
    return readWithin(response, abort);
  }
  throw refused('That file could not be downloaded: its link keeps redirecting. Attach it again.');
}

async function readWithin(response: Response, abort: AbortController): Promise<Uint8Array> {
  // A declared length over the limit is refused unread; a smaller one is not trusted, the count below decides.
  if (Number(response.headers.get('content-length') ?? 0) > MAX_CSV_BYTES) tooLarge(abort);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_CSV_BYTES) tooLarge(abort);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function refused(userMessage: string): AppError {
  return new AppError('IMPORT_REFUSED', userMessage, { userMessage });
}

function tooLarge(abort: AbortController): never {
  abort.abort();
  throw refused('That file is larger than 5 MB. Split it into smaller files and attach them one by one.');
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
