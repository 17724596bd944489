// A delivery process for the crash test: the real outbox file, notifier and connector sender on a data folder.
// Prints "recorded <activity id>" once each post is in the outbox file, and "drained" when nothing is left.
import { join } from 'node:path';
import { Outbox } from '../../../services/alerts/outbox.js';
import { AppStore } from '../../../services/store/appStore.js';
import { alertNotifier } from './alertStack.js';

const dir = process.argv[2];
const appPerSecond = Number(process.argv[3]);
const store = await AppStore.openFile(join(dir, 'bot.json'));
const outbox = await Outbox.openFile(join(dir, 'outbox.json'));
const { notifier } = alertNotifier(store, outbox, {
  pacing: { appPerSecond },
  onDelivered: (_entry, activityId) => console.log(`recorded ${activityId}`),
  log: {
    info: () => undefined,
    warn: (details, message) => console.error(message, JSON.stringify(details)),
    error: (details, message) => console.error(message, JSON.stringify(details)),
  },
});
notifier.start();
await notifier.drained();
await notifier.stop();
await outbox.flush();
await store.flush();
console.log('drained');
