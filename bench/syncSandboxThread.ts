// The sync benchmark's sandbox, in a worker thread: its CPU stays off the sync's thread, as Graph's would.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { generateSeed } from '../sandbox/generateSeed.js';
import { startSandbox } from '../sandbox/sandboxServer.js';

export interface SandboxThreadOptions {
  customers: number;
  latencyMs: number;
}

export interface SandboxEndpoints {
  graphBaseUrl: string;
  authorityHost: string;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  caCertPem: string;
}

type Request = { kind: 'pages'; from: number } | { kind: 'close' };
type Reply =
  | ({ kind: 'started' } & SandboxEndpoints)
  | { kind: 'pages'; paths: string[]; total: number }
  | { kind: 'closed' };

const ROLE = 'sync-bench-sandbox';

export class SandboxThread {
  private constructor(
    private readonly worker: Worker,
    readonly endpoints: SandboxEndpoints,
  ) {}

  /** Starts the sandbox on a generated seed (the same one generateSeed gives this thread for these options). */
  static async start(options: SandboxThreadOptions): Promise<SandboxThread> {
    // tsx's loader is registered per thread: the worker registers it first, then loads this .ts file.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(entry, { eval: true, workerData: { role: ROLE, ...options } });
    const started = await reply(worker, 'started');
    const { kind: _kind, ...endpoints } = started;
    return new SandboxThread(worker, endpoints);
  }

  /** Paths of the Graph requests answered 200 from request number `from` on, and the total so far. */
  async okPagesSince(from: number): Promise<{ paths: string[]; total: number }> {
    const answer = reply(this.worker, 'pages');
    this.worker.postMessage({ kind: 'pages', from } satisfies Request);
    const { paths, total } = await answer;
    return { paths, total };
  }

  async close(): Promise<void> {
    const closed = reply(this.worker, 'closed');
    this.worker.postMessage({ kind: 'close' } satisfies Request);
    await closed;
    await this.worker.terminate();
  }
}

function reply<K extends Reply['kind']>(worker: Worker, kind: K): Promise<Extract<Reply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Reply) => {
      if (message.kind !== kind) return;
      worker.off('message', onMessage).off('error', reject);
      resolve(message as Extract<Reply, { kind: K }>);
    };
    worker.on('message', onMessage).once('error', reject);
  });
}

async function serve(options: SandboxThreadOptions): Promise<void> {
  const port = parentPort!;
  const sandbox = await startSandbox({
    seed: generateSeed({ customers: options.customers }),
    latencyMs: options.latencyMs,
  });
  port.on('message', (request: Request) => {
    if (request.kind === 'pages') {
      const paths = sandbox.requests
        .slice(request.from)
        .filter((entry) => entry.status === 200)
        .map((entry) => entry.path);
      port.postMessage({ kind: 'pages', paths, total: sandbox.requests.length } satisfies Reply);
    } else {
      void sandbox.close().then(() => port.postMessage({ kind: 'closed' } satisfies Reply));
    }
  });
  port.postMessage({
    kind: 'started',
    graphBaseUrl: sandbox.graphBaseUrl,
    authorityHost: sandbox.authorityHost,
    partnerTenantId: sandbox.partnerTenantId,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    caCertPem: sandbox.caCertPem,
  } satisfies Reply);
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  await serve(workerData as SandboxThreadOptions);
}
