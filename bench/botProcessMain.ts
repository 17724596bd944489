// Child-process entry: starts one bot (the real app or the echo baseline) and answers the parent over IPC.
import { loadConfig } from '../bot/config.js';
import { startApp } from '../bot/app.js';
import type { BotSpec, ChildMessage, ParentMessage } from './botProcess.js';
import { startEchoBot } from './echoBot.js';

// An orphaned bot must not outlive a crashed bench.
const MAX_LIFETIME_MS = 180_000;
setTimeout(() => process.exit(2), MAX_LIFETIME_MS).unref();
process.once('disconnect', () => process.exit(0));

const spec = JSON.parse(process.argv[2] ?? '{}') as BotSpec;
const bot = spec.kind === 'app' ? await startApp(loadConfig(spec.env)) : await startEchoBot();

const send = (message: ChildMessage) => process.send?.(message);

process.on('message', (message: ParentMessage) => {
  if (message.type === 'cpu') {
    const usage = process.cpuUsage();
    send({ type: 'cpu', micros: usage.user + usage.system });
  } else if (message.type === 'stop') {
    void bot.close().finally(() => process.exit(0));
  }
});

send({ type: 'ready', url: bot.url });
