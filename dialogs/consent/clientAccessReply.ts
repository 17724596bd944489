// One client's delegated-access card: where it stands, what was seen, and the one step the bot can run next.
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { accessClientCard } from '../../cards/accessCards.js';
import type { Verdict } from '../../services/gdap/accessVerdict.js';
import { approvalMessage } from '../../services/gdap/approvalMessages.js';
import type { FlowStep, LiveState } from '../../services/gdap/flowStep.js';
import { ACTIVE_STATUSES, autoExtends } from '../../services/gdap/gdapModel.js';
import { kindOfStateKey, stateKeyOf } from '../../services/gdap/stateKey.js';
import { relationshipStateWords } from '../../services/gdap/statusWords.js';
import type { MessageSender } from '../../services/settings/messageSender.js';
import { autoExtendWords } from '../../services/text/durationWords.js';

export const VERDICT_LABELS: Record<
  Verdict,
  { label: string; mark: string; color: 'Good' | 'Attention' | 'Default' }
> = {
  working: { label: 'Working', mark: '✅', color: 'Good' },
  'needs-approval': { label: 'Needs approval', mark: '⏳', color: 'Default' },
  'needs-access-assignment': { label: 'Needs access assignment', mark: '⚠️', color: 'Attention' },
  'needs-consent': { label: 'Needs consent', mark: '⚠️', color: 'Attention' },
  'needs-access-test': { label: 'Needs access test', mark: '⚠️', color: 'Attention' },
  'expiring-soon': { label: 'Expiring soon', mark: '⏳', color: 'Attention' },
  'expired-or-terminated': { label: 'Expired or terminated', mark: '⛔', color: 'Attention' },
  'missing-roles': { label: 'Missing roles', mark: '⚠️', color: 'Attention' },
  'no-relationship': { label: 'No relationship', mark: '⬜', color: 'Default' },
};

// Steps a button can run; the others wait for someone else (the customer, Microsoft).
const BUTTONS: Partial<Record<FlowStep['kind'], string>> = {
  'create-relationship': 'Create the relationship',
  'lock-for-approval': 'Send for approval',
  'create-access-assignments': 'Create access assignments',
  'consent-app': 'Consent the app',
  'test-access': 'Test access',
  blocked: 'Try again',
};

/** The button a card with this state key showed, to name it when the press came too late. */
export function buttonOfStateKey(stateKey: string): string | undefined {
  const kind = kindOfStateKey(stateKey);
  return Object.hasOwn(BUTTONS, kind) ? BUTTONS[kind as FlowStep['kind']] : undefined;
}

/** The step's summary; on one client's card the access assignments also name their groups. */
function stepText(step: FlowStep): string {
  if (step.kind !== 'create-access-assignments') return step.summary;
  return `${step.summary} The groups: ${step.groups.map((group) => group.groupName).join(', ')}.`;
}

export function clientAccessReply(
  organization: { id: string; name: string },
  state: LiveState,
  next: FlowStep,
  sender: MessageSender,
): CardAttachment {
  const { verdict } = state;
  const label = VERDICT_LABELS[verdict.verdict];
  const relationship = verdict.relationship;
  const facts: { title: string; value: string }[] = [];
  if (relationship) {
    // Auto-extend matters only while the relationship runs; an ended one extends nothing.
    const running = ACTIVE_STATUSES.includes(relationship.status) && autoExtends(relationship);
    const extend = running ? `, ${autoExtendWords(relationship.autoExtendDuration)}` : '';
    facts.push({
      title: 'Relationship',
      value: `${relationship.displayName} (${relationshipStateWords(relationship)}${extend})`,
    });
    facts.push({ title: 'Roles', value: `${relationship.roleIds.length}` });
    const assignments = state.assignments[relationship.id] ?? [];
    if (assignments.length > 0) {
      const active = assignments.filter((assignment) => assignment.status === 'active').length;
      facts.push({ title: 'Access assignments', value: `${active} of ${assignments.length} active` });
    }
  }
  facts.push({
    title: 'App consent',
    value: state.consent ? `given ${state.consent.consentedAt.slice(0, 10)}` : 'not given yet',
  });
  if (state.accessTest) {
    facts.push({
      title: 'Last access test',
      value: `${state.accessTest.ok ? 'passed' : 'failed'} ${state.accessTest.testedAt.slice(0, 16).replace('T', ' ')}`,
    });
  }
  const link = next.kind === 'wait-for-approval' ? next.approvalLink : undefined;
  return accessClientCard({
    organizationId: organization.id,
    organization: organization.name,
    customer: state.customer.displayName,
    tenantId: state.customer.tenantId,
    mark: label.mark,
    verdictLabel: label.label,
    verdictColor: label.color,
    explanation: verdict.explanation,
    facts,
    approvalLink: link,
    approvalMessage: link ? approvalMessage(state.customer.displayName, link, sender) : undefined,
    nextStep: next.kind === 'done' ? undefined : stepText(next),
    stepButton: BUTTONS[next.kind],
    step: next.kind,
    stateKey: stateKeyOf(next),
  });
}
