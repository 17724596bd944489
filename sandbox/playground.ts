// Runs the Microsoft 365 Agents Playground (a local Teams-like web chat) against a bot endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipalName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Defaults to the Playground's own 56150; it moves to a random port when that one is taken. */
  port?: number;
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  /** The other people in the tenant; padded with made-up colleagues to the five the Playground requires. */
  users: PlaygroundUser[];
  /** Where m365agentsplayground.log goes; by default it is deleted with the working directory on close. */
  logDir?: string;
}

export interface Playground {
  /** The web chat, e.g. http://127.0.0.1:56150. */
  readonly url: string;
  close(): Promise<void>;
}

// The config schema (0.1.1) demands exactly five users besides the current one.
const USER_COUNT = 5;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

const EXTRA_PEOPLE: ReadonlyArray<readonly [string, string]> = [
  ['Megan', 'Bowen'],
  ['Adele', 'Vance'],
  ['Isaiah', 'Langer'],
  ['Patti', 'Fernandez'],
  ['Lynne', 'Robbins'],
];

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const config = playgroundConfig(options);
  const workDir = await mkdtemp(join(tmpdir(), 'csp-playground-'));
  const logFile = join(options.logDir ?? join(workDir, 'devTools'), 'm365agentsplayground.log');
  let child: ChildProcess | undefined;
  const output = new OutputTail(OUTPUT_TAIL_CHARS);
  const killOnExit = () => killGroup(child, 'SIGKILL');

  const close = async () => {
    process.off('exit', killOnExit);
    await stopGroup(child);
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    await writeFile(
      join(workDir, '.m365agentsplayground.yml'),
      // JSON is valid YAML, and it spares us quoting names and ids by hand.
      JSON.stringify(config, null, 2),
    );
    const binDir = join(workDir, 'bin');
    await mkdir(binDir);
    // Without an xdg-open to spawn, the Playground dies on an unhandled error it logs only to its file.
    await writeFile(join(binDir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
    await chmod(join(binDir, 'xdg-open'), 0o755);
    if (options.logDir) await mkdir(options.logDir, { recursive: true });

    child = spawn(
      process.execPath,
      [
        playgroundCli(),
        'start',
        '--app-endpoint',
        options.botEndpoint,
        '--port',
        String(options.port ?? 56150),
        '--channel-id',
        'msteams',
        '--disable-telemetry',
      ],
      {
        cwd: workDir,
        env: playgroundEnv(binDir, logFile),
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so close() also ends anything it spawned.
        detached: true,
      },
    );
    process.once('exit', killOnExit);
    child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));

    const port = await waitForListening(child, output);
    const url = `http://127.0.0.1:${port}`;
    await waitForPing(url, child);
    return { url, close };
  } catch (error) {
    const log = await readFile(logFile, 'utf8').catch(() => '(no log file)');
    await close();
    throw new Error(
      `The Agents Playground did not start: ${(error as Error).message}\n` +
        `--- its output ---\n${output.text() || '(none)'}\n` +
        `--- ${logFile} ---\n${log.slice(-OUTPUT_TAIL_CHARS)}`,
      { cause: error },
    );
  }
}

/** The .m365agentsplayground.yml content (schema 0.1.1) for one tenant, one personal chat, one group and one team. */
export function playgroundConfig(options: PlaygroundOptions) {
  if (options.users.length > USER_COUNT) {
    throw new Error(`The Agents Playground takes exactly ${USER_COUNT} users besides the current one.`);
  }
  const domain = options.currentUser.email.split('@')[1] ?? 'contoso.example';
  const taken = new Set([options.currentUser, ...options.users].map((user) => user.name));
  const extras = EXTRA_PEOPLE.filter(([given, surname]) => !taken.has(`${given} ${surname}`))
    .slice(0, USER_COUNT - options.users.length)
    .map(([given, surname]) => madeUpUser(given, surname, domain));
  return {
    version: '0.1.1',
    tenantId: options.tenantId,
    bot: { id: options.bot.id, name: options.bot.name },
    currentUser: configUser(options.currentUser),
    users: [...options.users, ...extras].map(configUser),
    personalChat: { id: `a:${randomUUID()}` },
    groupChat: { id: `19:${randomUUID()}@thread.v2`, name: 'Service desk' },
    team: {
      id: `19:${randomUUID()}@thread.tacv2`,
      name: 'MSP Operations',
      aadGroupId: randomUUID(),
      channels: [{ id: `19:${randomUUID()}@thread.tacv2`, name: 'Alerts' }],
    },
  };
}

function configUser(user: PlaygroundUser) {
  // The Playground's schema spells it "userPrincipleName".
  const { userPrincipalName, ...rest } = user;
  return { ...rest, userPrincipleName: userPrincipalName };
}

function madeUpUser(givenName: string, surname: string, domain: string): PlaygroundUser {
  const aadObjectId = randomUUID();
  const email = `${givenName}.${surname}@${domain}`.toLowerCase();
  return {
    id: `29:${aadObjectId}`,
    name: `${givenName} ${surname}`,
    userPrincipalName: email,
    aadObjectId,
    givenName,
    surname,
    email,
  };
}

function playgroundCli(): string {
  const manifest = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json');
  return join(dirname(manifest), 'cli.js');
}

function playgroundEnv(binDir: string, logFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Its env overrides (config path, service URL, conversation id…) would silently beat our options.
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_)/.test(key)) env[key] = value;
  }
  return {
    ...env,
    PATH: [binDir, process.env.PATH].filter(Boolean).join(delimiter),
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
  };
}

/** Resolves with the port it really bound: it falls back to a random one when the asked port is taken. */
function waitForListening(child: ChildProcess, output: OutputTail): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no "Listening on" within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onData = () => {
      const port = /Listening on (\d+)/.exec(output.text())?.[1];
      if (port) finish(undefined, Number(port));
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`it exited (code ${code}, signal ${signal})`));
    const onError = (error: Error) => finish(error);
    function finish(error?: Error, port?: number) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolve(port as number);
    }
    // Registered after OutputTail's own listener, so the chunk is already in the tail.
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('it exited while starting');
    try {
      const response = await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${START_TIMEOUT_MS} ms (${lastProblem})`);
}

async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

class OutputTail {
  private buffer = '';
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    this.buffer = (this.buffer + chunk.toString('utf8')).slice(-this.limit);
  }
  text(): string {
    return this.buffer.trim();
  }
}
