// Graph's rules for GDAP relationships: statuses, name, duration and auto-extension, shared by the seed check and the API.
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from './roles.js';

export const relationshipStatuses = [
  'created',
  'approvalPending',
  'approved',
  'activating',
  'active',
  'expiring',
  'expired',
  'terminationRequested',
  'terminating',
  'terminated',
] as const;
export type RelationshipStatus = (typeof relationshipStatuses)[number];

export const accessAssignmentStatuses = ['pending', 'active', 'deleting', 'deleted', 'error'] as const;
export type AccessAssignmentStatus = (typeof accessAssignmentStatuses)[number];

export const MAX_RELATIONSHIP_NAME_LENGTH = 50;
const MAX_DURATION_DAYS = 730;
// Graph takes P0D and PT0S alike for "no auto-extension" and gives back what was sent.
export const NO_AUTO_EXTEND: readonly string[] = ['P0D', 'PT0S'];
export const AUTO_EXTEND_DURATIONS: readonly string[] = [...NO_AUTO_EXTEND, 'P180D'];

// Graph documents durations as ISO 8601 periods; years count as 365 days so that P2Y equals the P730D limit.
export function durationInDays(duration: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!match || duration === 'P') return undefined;
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0));
  return years * 365 + months * 30 + weeks * 7 + days;
}

export interface RelationshipTerms {
  displayName: unknown;
  duration: unknown;
  autoExtendDuration: unknown;
  roleDefinitionIds: readonly string[];
}

export function relationshipTermProblems(terms: RelationshipTerms): string[] {
  const problems: string[] = [];
  const { displayName, duration, autoExtendDuration, roleDefinitionIds } = terms;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    problems.push('displayName is required.');
  } else if (displayName.length > MAX_RELATIONSHIP_NAME_LENGTH) {
    problems.push(`displayName must be at most ${MAX_RELATIONSHIP_NAME_LENGTH} characters.`);
  }
  const days = typeof duration === 'string' ? durationInDays(duration) : undefined;
  if (days === undefined || days < 1 || days > MAX_DURATION_DAYS) {
    problems.push('duration must be an ISO 8601 duration between P1D and P2Y (P730D).');
  }
  if (typeof autoExtendDuration !== 'string' || !AUTO_EXTEND_DURATIONS.includes(autoExtendDuration)) {
    problems.push('autoExtendDuration must be P0D, PT0S or P180D.');
  } else if (
    !NO_AUTO_EXTEND.includes(autoExtendDuration) &&
    roleDefinitionIds.includes(GLOBAL_ADMINISTRATOR_ROLE_ID)
  ) {
    problems.push(
      'autoExtendDuration must be PT0S when the relationship includes the Global Administrator role (P0D means the same).',
    );
  }
  return problems;
}
