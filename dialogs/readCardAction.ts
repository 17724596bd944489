// Reads a card submit (Action.Submit's value, or Universal Action data) into a typed CardAction, once, at the edge.
import {
  SETUP_STEPS,
  type CardAction,
  type CardActionName,
  type CardActionOf,
  type CardRevision,
  type SetupNavigation,
} from '../cards/cardActions.js';
import { isCommandName } from './commands.js';

type Fields = Record<string, unknown>;

/** Trimmed text; a number reads as its digits; anything else (missing, an object) as ''. */
function text(fields: Fields, key: string): string {
  const field = fields[key];
  return typeof field === 'string' ? field.trim() : typeof field === 'number' ? String(field) : '';
}

/** Text the card may leave out: undefined rather than ''. */
function optional(fields: Fields, key: string): string | undefined {
  return text(fields, key) || undefined;
}

function whole(fields: Fields, key: string): number | undefined {
  const field = Number(fields[key]);
  return fields[key] !== null && fields[key] !== '' && Number.isInteger(field) ? field : undefined;
}

/** A whole number, or digits as text (Teams sends some data back as strings); nothing else proves a card current. */
function revision(fields: Fields): CardRevision {
  const field = fields.revision;
  const value =
    typeof field === 'number'
      ? field
      : typeof field === 'string' && /^\d{1,15}$/.test(field)
        ? Number(field)
        : NaN;
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function strings(fields: Fields, key: string): string[] {
  const field = fields[key];
  return Array.isArray(field) && field.every((item) => typeof item === 'string') ? field : [];
}

const setup =
  <Name extends SetupNavigation>(name: Name) =>
  (fields: Fields): CardActionOf<Name> | undefined => {
    const step = SETUP_STEPS.find((id) => id === fields.step);
    return step
      ? ({ action: name, wizardId: text(fields, 'wizardId'), step } as CardActionOf<Name>)
      : undefined;
  };

/**
 * One reader per action name; TypeScript holds the table to the union, so a new action cannot be left unread.
 * A reader returns undefined only when the submit cannot be that action at all (no such command, no such step);
 * fields a person fills in, or a revision that is missing, read as empty for the action to explain.
 */
const READERS: { [Name in CardActionName]: (fields: Fields) => CardActionOf<Name> | undefined } = {
  runCommand: (fields) =>
    isCommandName(fields.command) ? { action: 'runCommand', command: fields.command } : undefined,
  'alerts.set': (fields) => ({
    action: 'alerts.set',
    on: typeof fields.on === 'boolean' ? fields.on : undefined,
  }),
  'setup.next': setup('setup.next'),
  'setup.back': setup('setup.back'),
  'setup.cancel': setup('setup.cancel'),
  'setup.retry': setup('setup.retry'),
  'map.open': (fields) => ({ action: 'map.open', organizationId: optional(fields, 'organizationId') }),
  'map.save': (fields) => ({
    action: 'map.save',
    revision: revision(fields),
    organizationId: optional(fields, 'organizationId'),
    customerTenantId: optional(fields, 'customerTenantId'),
  }),
  'map.remap': (fields) => ({
    action: 'map.remap',
    revision: revision(fields),
    organizationId: text(fields, 'organizationId'),
    customerTenantId: text(fields, 'customerTenantId'),
  }),
  'map.unmap': (fields) => ({
    action: 'map.unmap',
    revision: revision(fields),
    organizationId: text(fields, 'organizationId'),
  }),
  'map.fixConflict': (fields) => ({
    action: 'map.fixConflict',
    organizationId: text(fields, 'organizationId'),
  }),
  'map.keep': (fields) => ({
    action: 'map.keep',
    revision: revision(fields),
    organizationId: text(fields, 'organizationId'),
    customerTenantId: text(fields, 'customerTenantId'),
  }),
  'map.find': (fields) => ({
    action: 'map.find',
    revision: revision(fields),
    organizationId: optional(fields, 'organizationId'),
    customerQuery: optional(fields, 'customerQuery'),
  }),
  'map.previewAll': (fields) => ({ action: 'map.previewAll', revision: revision(fields) }),
  'map.applyAll': (fields) => ({
    action: 'map.applyAll',
    revision: revision(fields),
    syncedAt: text(fields, 'syncedAt'),
  }),
  'mappings.show': (fields) => ({
    action: 'mappings.show',
    filter: optional(fields, 'filter'),
    name: optional(fields, 'name'),
    page: whole(fields, 'page'),
  }),
  'orgs.show': (fields) => ({ action: 'orgs.show', page: whole(fields, 'page') }),
  'orgs.add': (fields) => ({
    action: 'orgs.add',
    revision: revision(fields),
    name: optional(fields, 'name'),
    externalId: optional(fields, 'externalId'),
    domain: optional(fields, 'domain'),
  }),
  'orgs.rename': (fields) => {
    const organizationId = text(fields, 'organizationId');
    return {
      action: 'orgs.rename',
      revision: revision(fields),
      organizationId,
      // Each row's rename box has its own input id: ids must be unique in a card.
      name: optional(fields, `name-${organizationId}`) ?? optional(fields, 'name'),
    };
  },
  'orgs.remove': (fields) => ({
    action: 'orgs.remove',
    revision: revision(fields),
    organizationId: text(fields, 'organizationId'),
  }),
  'import.apply': (fields) => ({ action: 'import.apply', previewId: text(fields, 'previewId') }),
  'import.cancel': (fields) => ({ action: 'import.cancel', previewId: text(fields, 'previewId') }),
  'consent.open': (fields) => ({ action: 'consent.open', organizationId: text(fields, 'organizationId') }),
  'consent.list': (fields) => ({
    action: 'consent.list',
    verdict: optional(fields, 'verdict'),
    page: whole(fields, 'page'),
  }),
  'consent.step': (fields) => ({
    action: 'consent.step',
    organizationId: text(fields, 'organizationId'),
    step: text(fields, 'step'),
    stateKey: text(fields, 'stateKey'),
  }),
  'consent.previewAll': () => ({ action: 'consent.previewAll' }),
  'consent.runAll': (fields) => ({ action: 'consent.runAll', runId: text(fields, 'runId') }),
  'consent.resume': (fields) => ({ action: 'consent.resume', runId: text(fields, 'runId') }),
  'consent.approvals': (fields) => ({ action: 'consent.approvals', page: whole(fields, 'page') }),
  'consent.remind': (fields) => ({
    action: 'consent.remind',
    relationshipIds: strings(fields, 'relationshipIds'),
    drawnAt: text(fields, 'drawnAt'),
  }),
  'troubleshoot.run': (fields) => ({
    action: 'troubleshoot.run',
    organizationId: optional(fields, 'organizationId'),
  }),
};

/** Every action name a card may carry: the keys of the reader table, so the two cannot drift apart. */
export const CARD_ACTION_NAMES = Object.keys(READERS) as CardActionName[];

export function isCardActionName(value: unknown): value is CardActionName {
  return typeof value === 'string' && Object.hasOwn(READERS, value);
}

/** The submit as a typed action, or undefined when it names no action this bot draws (or is no object at all). */
export function readCardAction(value: unknown): CardAction | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const fields = value as Fields;
  if (!isCardActionName(fields.action)) return undefined;
  return (READERS[fields.action] as (fields: Fields) => CardAction | undefined)(fields);
}
