// Finds a CSV file in a Teams message and downloads it, within a size limit.
import type { TurnContext } from 'botbuilder';
import { AppError } from './errors.js';

const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
// The import refuses larger files anyway; stop reading well before memory becomes a concern.
const MAX_BYTES = 5 * 1024 * 1024;

export async function readCsvAttachment(
  context: TurnContext,
): Promise<{ name: string; content: Uint8Array } | undefined> {
  for (const attachment of context.activity.attachments ?? []) {
    const name = attachment.name ?? 'file.csv';
    const content = attachment.content as { downloadUrl?: string; fileType?: string } | undefined;
    const isCsv =
      /\.csv$/i.test(name) || content?.fileType === 'csv' || attachment.contentType === 'text/csv';
    if (!isCsv) continue;
    // Teams hands files to bots as a pre-authorized download URL; other clients use contentUrl.
    const url = attachment.contentType === TEAMS_FILE ? content?.downloadUrl : attachment.contentUrl;
    if (!url || !/^(https?:|data:)/.test(url)) continue;
    return { name, content: await download(url) };
  }
  return undefined;
}

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { redirect: 'follow' });
  if (!response.ok || !response.body)
    throw new Error(`csvAttachment: download failed with ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BYTES) {
      throw new AppError('IMPORT_REFUSED', 'attachment over 5 MB', {
        userMessage: 'That file is larger than 5 MB. Split it into smaller files and attach them one by one.',
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
