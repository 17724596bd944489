// The commands users type, how text and card submits map onto them, and the closest match for typos.
import { distance } from 'fastest-levenshtein';
import { COMMAND_NAMES, type CommandName } from '../cards/cardActions.js';
import type { Rights } from './actionRoutes.js';

export interface CommandInfo {
  name: CommandName;
  description: string;
  /** Who may run it: see actionRoutes.mayRun. */
  rights: Rights;
}

export const COMMANDS: readonly CommandInfo[] = [
  {
    name: 'setup',
    description: 'Set up Microsoft CSP step by step and sign in to authorize it.',
    rights: 'admin',
  },
  {
    name: 'map',
    description: 'Map an organization to its CSP customer tenant; map and a name suggests customers.',
    rights: 'anyone',
  },
  {
    name: 'mappings',
    description: 'List mappings: all, mapped, unmapped or conflicts; export them as CSV.',
    rights: 'anyone',
  },
  {
    name: 'organizations',
    description: 'Your client organizations: add, rename, remove; attach a CSV to import.',
    rights: 'anyone',
  },
  {
    name: 'consent',
    description: 'Delegated access per client: status, the next step, approval links; consent all.',
    rights: 'anyone',
  },
  {
    name: 'approvals',
    description: 'Every customer waiting to approve access: links, messages to send, CSV, reminders.',
    rights: 'anyone',
  },
  {
    name: 'troubleshoot',
    description: 'Check the sign-in, or a client when you add its name, step by step with the fix for each.',
    rights: 'anyone',
  },
  {
    name: 'conflicts',
    description: 'Open problems now: mapping conflicts and clients whose delegated access needs fixing.',
    rights: 'anyone',
  },
  {
    name: 'alerts',
    description: 'Whether this chat gets alerts; alerts on or alerts off to change it.',
    rights: 'anyone',
  },
  { name: 'sync', description: 'Refresh the CSP customer list from Microsoft now.', rights: 'admin' },
  { name: 'status', description: 'What is set up so far, and what to do next.', rights: 'anyone' },
  { name: 'signout', description: 'Forget the signed-in partner account and its tokens.', rights: 'admin' },
  { name: 'help', description: 'What I can do for you.', rights: 'anyone' },
  { name: 'cancel', description: 'Stop what we are doing; nothing half-done is saved.', rights: 'anyone' },
];

const ALIASES: Record<string, CommandName> = {
  orgs: 'organizations',
  organisations: 'organizations',
  mapping: 'mappings',
  conflict: 'conflicts',
  problems: 'conflicts',
  alert: 'alerts',
  waiting: 'approvals',
  approval: 'approvals',
  '?': 'help',
  hi: 'help',
  hello: 'help',
  start: 'help',
  stop: 'cancel',
  quit: 'cancel',
};

export type ParsedInput =
  | { kind: 'command'; command: CommandName; args: string }
  | { kind: 'unknown'; text: string; suggestion?: CommandName }
  | { kind: 'empty' };

export function parseCommandText(rawText: string | undefined): ParsedInput {
  const text = (rawText ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return { kind: 'empty' };
  const [first, ...rest] = text.split(' ');
  const word =
    first
      .toLowerCase()
      .replace(/^\/+/, '')
      .replace(/[.!?,;:]+$/, '') || first;
  const command = isCommandName(word) ? word : ALIASES[word];
  if (command) return { kind: 'command', command, args: rest.join(' ') };
  return { kind: 'unknown', text, suggestion: closestCommand(word) };
}

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);
}

/** The command within two edits of what was typed (a typo), or nothing. */
export function closestCommand(word: string): CommandName | undefined {
  const prefixed = word.length >= 3 ? COMMAND_NAMES.find((name) => name.startsWith(word)) : undefined;
  if (prefixed) return prefixed;
  let best: { name: CommandName; cost: number } | undefined;
  for (const name of COMMAND_NAMES) {
    const cost = distance(word, name);
    if (!best || cost < best.cost) best = { name, cost };
  }
  return best && best.cost <= Math.max(1, Math.min(2, Math.floor(word.length / 3))) ? best.name : undefined;
}
