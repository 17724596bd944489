// The partner security groups that receive GDAP roles: one per role, named `<prefix> - <role name>`.
import { isAppError } from '../errors.js';
import { gdapRole } from '../settings/gdapRoles.js';
import { statusOf, type GraphCalls } from './graphCalls.js';

export interface SecurityGroup {
  id: string;
  displayName: string;
  roleId: string;
}

interface GraphGroup {
  id: string;
  displayName: string;
  securityEnabled?: boolean;
}

export function securityGroupName(prefix: string, roleId: string): string {
  return `${prefix.trim() || 'GDAP'} - ${gdapRole(roleId)?.name ?? roleId}`;
}

// Exchange's rules for mailNickname: ASCII, no spaces or @()\[]";:<>, and at most 64 characters.
export function mailNicknameFor(displayName: string): string {
  const nickname = displayName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return nickname.slice(0, 64) || 'gdap-group';
}

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

// Graph takes members by URL; it reads the id off the end, whatever the host, as the sandbox does.
const directoryObject = (id: string) =>
  `https://graph.microsoft.com/v1.0/directoryObjects/${encodeURIComponent(id)}`;

/**
 * Finds each role's group by name and creates the missing ones. Graph lets two groups share a name, so the
 * lookup always comes first and a create is retried only on 429. When a create fails without saying whether it
 * landed (5xx, network), the name is looked up once more before giving up: a blind retry could leave a twin.
 *
 * `memberId` (the authorized admin's object id) is put in every group: GDAP gives roles to group members only,
 * so without it the access test in the customer tenant fails with AADSTS50020 however often it is retried.
 */
export async function ensureSecurityGroups(
  graph: GraphCalls,
  prefix: string,
  roleIds: readonly string[],
  memberId?: string,
): Promise<SecurityGroup[]> {
  const groups: SecurityGroup[] = [];
  // One role at a time: a few requests per client, and two roles never race to create the same group.
  for (const roleId of roleIds) {
    const displayName = securityGroupName(prefix, roleId);
    let group = await findGroup(graph, displayName);
    if (!group) {
      try {
        group = await graph.post<GraphGroup>(
          '/groups',
          {
            displayName,
            description: `Partner users who get the ${gdapRole(roleId)?.name ?? roleId} role in customer tenants through GDAP.`,
            mailEnabled: false,
            securityEnabled: true,
            mailNickname: mailNicknameFor(displayName),
            ...(memberId ? { 'members@odata.bind': [directoryObject(memberId)] } : {}),
          },
          `creating the security group '${displayName}'`,
          { mode: 'throttled-only' },
        );
      } catch (error) {
        group = isAppError(error, 'GDAP_UNAVAILABLE') ? await findGroup(graph, displayName) : undefined;
        if (!group) throw error;
        if (memberId) await addMember(graph, group, memberId);
      }
    } else if (memberId) {
      await addMember(graph, group, memberId);
    }
    groups.push({ id: group.id, displayName: group.displayName, roleId });
  }
  return groups;
}

/** Adds the member unless it is in already: Graph answers 400 "…already exist…" then, which is the goal reached. */
async function addMember(graph: GraphCalls, group: GraphGroup, memberId: string): Promise<void> {
  try {
    await graph.post(
      `/groups/${encodeURIComponent(group.id)}/members/$ref`,
      { '@odata.id': directoryObject(memberId) },
      `adding you to the security group '${group.displayName}'`,
      { mode: 'throttled-only' },
    );
  } catch (error) {
    if (statusOf(error) !== 400 || !/already exist/i.test(messagesOf(error))) throw error;
  }
}

const messagesOf = (error: unknown) =>
  [error, (error as { cause?: unknown } | undefined)?.cause]
    .map((each) => (each instanceof Error ? each.message : ''))
    .join(' ');

async function findGroup(graph: GraphCalls, displayName: string): Promise<GraphGroup | undefined> {
  const found = await graph.get<{ value?: GraphGroup[] }>(
    `/groups?$filter=displayName eq ${encodeURIComponent(quoted(displayName))}&$select=id,displayName,securityEnabled`,
    `looking up the security group '${displayName}'`,
  );
  return (found.value ?? []).find((candidate) => candidate.securityEnabled !== false);
}
