// Child process for the crash test: writes to the store as fast as it can and reports each finished write.
import { AppStore } from '../../../services/store/appStore.js';

const file = process.argv[2];
const store = await AppStore.openFile(file);
const start = Number((store.data.botState.counter?.item as { n?: number } | undefined)?.n ?? 0);
// A large value makes each write take long enough for a kill to land in the middle of one.
const ballast = 'x'.repeat(2_000_000);
for (let n = start + 1; n < start + 100_000; n++) {
  await store.update((data) => {
    data.botState.counter = { eTag: String(n), item: { n, ballast } };
  });
  process.stdout.write(`wrote ${n}\n`);
}
