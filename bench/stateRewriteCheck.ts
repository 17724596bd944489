// Quick check: does a repeat turn rewrite the data file when the conversation state did not change?
import { readFile, stat } from 'node:fs/promises';
import { KeepAliveClient } from './loadGenerator.js';

export interface StateCheckOptions {
  botUrl: string;
  dataFile: string;
  activity: (text: string) => { conversation: { id: string } };
  repeats?: number;
}

interface Snapshot {
  /** Changes on every write: lowdb writes a temporary file and renames it over the old one. */
  file: string;
  eTag?: string;
  item?: unknown;
}

/** Sends one `help` turn, then `repeats` more one at a time, and describes what each did to the data file. */
export async function checkStateRewrites({
  botUrl,
  dataFile,
  activity,
  repeats = 20,
}: StateCheckOptions): Promise<string> {
  const client = new KeepAliveClient(botUrl, 1);
  const message = activity('help');
  const body = JSON.stringify(message);
  const turn = async () => {
    const status = await client.postJson('/api/messages', body);
    if (status < 200 || status >= 300) throw new Error(`bench: state check turn answered ${status}.`);
  };
  try {
    const initial = await snapshot(dataFile, message.conversation.id);
    await turn();
    const first = await snapshot(dataFile, message.conversation.id);
    let fileWrites = 0;
    let stateWrites = 0;
    let previous = first;
    for (let i = 0; i < repeats; i += 1) {
      await turn();
      const now = await snapshot(dataFile, message.conversation.id);
      if (now.file !== previous.file) fileWrites += 1;
      if (now.eTag !== previous.eTag) stateWrites += 1;
      previous = now;
    }
    const firstWrote = first.file !== initial.file ? 'wrote' : 'did not write';
    return (
      `state check: the first help turn ${firstWrote} the data file (conversation state ${JSON.stringify(first.item)}); ` +
      `${repeats} repeat help turns rewrote the file ${fileWrites}× and the conversation state ${stateWrites}×.`
    );
  } finally {
    await client.close();
  }
}

async function snapshot(dataFile: string, conversationId: string): Promise<Snapshot> {
  let file: string;
  try {
    const info = await stat(dataFile);
    file = `${info.ino}:${info.mtimeMs}:${info.size}`;
  } catch {
    return { file: 'absent' };
  }
  const data = JSON.parse(await readFile(dataFile, 'utf8')) as {
    botState?: Record<string, { eTag: string; item: unknown }>;
  };
  // ConversationState keys are "<channel>/conversations/<id>/"; the trailing slash comes from botbuilder.
  const key = Object.keys(data.botState ?? {}).find((k) => k.endsWith(`/conversations/${conversationId}/`));
  const entry = key ? data.botState![key] : undefined;
  return { file, eTag: entry?.eTag, item: entry?.item };
}
