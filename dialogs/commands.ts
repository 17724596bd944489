// The commands users type, how text and card submits map onto them, and the closest match for typos.
import { distance } from 'fastest-levenshtein';
import { COMMAND_NAMES, type CommandName } from '../cards/cardActions.js';

export interface CommandInfo {
  name: CommandName;
  description: string;
  adminOnly: boolean;
}

export const COMMANDS: readonly CommandInfo[] = [
  {
    name: 'setup',
    description: 'Set up Microsoft CSP step by step and sign in to authorize it.',
    adminOnly: true,
  },
  {
    name: 'map',
    description: 'Map an organization to its CSP customer tenant; map and a name suggests customers.',
    adminOnly: false,
  },
  {
    name: 'mappings',
    description: 'List mappings: all, mapped, unmapped or conflicts; export them as CSV.',
    adminOnly: false,
  },
  {
    name: 'organizations',
    description: 'Your client organizations: add, rename, remove; attach a CSV to import.',
    adminOnly: false,
  },
  {
    name: 'consent',
    description: 'Delegated access per client: status, the next step, approval links; consent all.',
    adminOnly: false,
  },
  {
    name: 'approvals',
    description: 'Every customer waiting to approve access: links, messages to send, CSV, reminders.',
    adminOnly: false,
  },
  {
    name: 'troubleshoot',
    description: 'Check the sign-in, or a client when you add its name, step by step with the fix for each.',
    adminOnly: false,
  },
  {
    name: 'conflicts',
    description: 'Open problems now: mapping conflicts and clients whose delegated access needs fixing.',
    adminOnly: false,
  },
  {
    name: 'alerts',
    description: 'Whether this chat gets alerts; alerts on or alerts off to change it.',
    adminOnly: false,
  },
  { name: 'sync', description: 'Refresh the CSP customer list from Microsoft now.', adminOnly: true },
  { name: 'status', description: 'What is set up so far, and what to do next.', adminOnly: false },
  { name: 'signout', description: 'Forget the signed-in partner account and its tokens.', adminOnly: true },
  { name: 'help', description: 'What I can do for you.', adminOnly: false },
  { name: 'cancel', description: 'Stop what we are doing; nothing half-done is saved.', adminOnly: false },
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
