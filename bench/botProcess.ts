// Runs a bot under test in its own process, so it gets a core of its own and never shares one with the load.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type BotSpec = { kind: 'echo' } | { kind: 'app'; env: Record<string, string> };

export type ParentMessage = { type: 'cpu' } | { type: 'stop' };
export type ChildMessage = { type: 'ready'; url: string } | { type: 'cpu'; micros: number };

const ENTRY = fileURLToPath(new URL('./botProcessMain.ts', import.meta.url));

export class BotProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Forks the bot; the child gets this process's tsx loader through execArgv. */
  static async start(spec: BotSpec, timeoutMs = 30_000): Promise<BotProcess> {
    const child = fork(ENTRY, [JSON.stringify(spec)], {
      // restify 11 reads process.binding('http_parser') at load; the warning says nothing about the figures.
      execArgv: [...process.execArgv, '--disable-warning=DEP0111'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const ready = await nextMessage(child, 'ready', timeoutMs);
      return new BotProcess(child, ready.url);
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  /** CPU time (user + system) the bot process has used so far, in microseconds. */
  async cpuMicros(): Promise<number> {
    const reply = nextMessage(this.child, 'cpu', 5_000);
    this.send({ type: 'cpu' });
    return (await reply).micros;
  }

  async stop(timeoutMs = 5_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private send(message: ParentMessage): void {
    this.child.send(message);
  }
}

function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: ChildMessage) => {
      if (message.type !== type) return;
      done();
      resolve(message as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`bench: the bot process exited (code ${code}) before sending "${type}".`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`bench: the bot process sent no "${type}" within ${timeoutMs} ms.`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
