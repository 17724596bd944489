// The shape every Bot Framework activity has: a body that lacks it is refused before authentication or a turn sees it.
import type { Activity } from 'botbuilder';

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text: Check = (value) => typeof value === 'string';
const filled: Check = (value) => typeof value === 'string' && value.length > 0;
const account: Check = (value) => isObject(value) && filled(value.id) && optional(value, ACCOUNT_FIELDS);
const accounts: Check = (value) => Array.isArray(value) && value.every(account);
const objects: Check = (value) => Array.isArray(value) && value.every(isObject);

// The bot calls string methods on these (tenant and user ids are lower-cased), so a number would crash a turn.
const ACCOUNT_FIELDS: Record<string, Check> = { name: text, aadObjectId: text };
const CONVERSATION_FIELDS: Record<string, Check> = { tenantId: text, conversationType: text, name: text };
const OPTIONAL_FIELDS: Record<string, Check> = {
  id: text,
  name: text,
  text: text,
  action: text,
  locale: text,
  timestamp: text,
  replyToId: text,
  recipient: account,
  attachments: objects,
  entities: objects,
  membersAdded: accounts,
  membersRemoved: accounts,
  channelData: (value) =>
    isObject(value) && (value.tenant === undefined || (isObject(value.tenant) && text(value.tenant.id))),
};

function optional(value: Record<string, unknown>, fields: Record<string, Check>): boolean {
  return Object.entries(fields).every(([key, check]) => value[key] === undefined || check(value[key]));
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The body as an activity when it has the envelope Bot Framework always sends; undefined otherwise. */
export function asActivity(body: unknown): Activity | undefined {
  if (!isObject(body)) return undefined;
  const { conversation } = body;
  const valid =
    filled(body.type) &&
    filled(body.channelId) &&
    isHttpUrl(body.serviceUrl) &&
    account(body.from) &&
    isObject(conversation) &&
    filled(conversation.id) &&
    optional(conversation, CONVERSATION_FIELDS) &&
    optional(body, OPTIONAL_FIELDS);
  return valid ? (body as unknown as Activity) : undefined;
}
