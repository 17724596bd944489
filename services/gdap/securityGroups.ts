// The partner security groups that receive GDAP roles: one per role, named `<prefix> - <role name>`.
import { isAppError } from '../../bot/errors.js';
import { gdapRole } from '../settings/gdapRoles.js';
import type { GraphCalls } from './graphCalls.js';

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

/**
 * Finds each role's group by name and creates the missing ones. Graph lets two groups share a name, so the
 * lookup always comes first and a create is retried only on 429. When a create fails without saying whether it
 * landed (5xx, network), the name is looked up once more before giving up: a blind retry could leave a twin.
 */
export async function ensureSecurityGroups(
  graph: GraphCalls,
  prefix: string,
  roleIds: readonly string[],
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
          },
          `creating the security group '${displayName}'`,
          { mode: 'throttled-only' },
        );
      } catch (error) {
        group = isAppError(error, 'GDAP_UNAVAILABLE') ? await findGroup(graph, displayName) : undefined;
        if (!group) throw error;
      }
    }
    groups.push({ id: group.id, displayName: group.displayName, roleId });
  }
  return groups;
}

async function findGroup(graph: GraphCalls, displayName: string): Promise<GraphGroup | undefined> {
  const found = await graph.get<{ value?: GraphGroup[] }>(
    `/groups?$filter=displayName eq ${encodeURIComponent(quoted(displayName))}&$select=id,displayName,securityEnabled`,
    `looking up the security group '${displayName}'`,
  );
  return (found.value ?? []).find((candidate) => candidate.securityEnabled !== false);
}
