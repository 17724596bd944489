// Turns the checks into the troubleshoot card: a ✓/✗ line each, the fix buttons a user may press, the client picker.
import type { CardAttachment } from '../../cards/cardAttachment.js';
import type { Choice } from '../../cards/mappingCards.js';
import type { ActionButton } from '../../cards/noticeCard.js';
import { troubleshootCard, type TroubleshootCheckRow } from '../../cards/troubleshootCard.js';
import type { Check, Remedy } from '../../services/troubleshoot/check.js';
import type { Organization } from '../../services/store/storeData.js';

// Teams drop-downs show 15 entries; longer lists need Data.Query type-ahead.
const DROP_DOWN_LIMIT = 15;

export interface TroubleshootResult {
  authorization: Check[];
  client?: { organization: Organization; checks: Check[] };
  /** Every organization, for the picker when no client was checked. */
  organizations: Organization[];
}

export function troubleshootReply(result: TroubleshootResult, isAdmin: boolean): CardAttachment {
  const { authorization, client } = result;
  const all = [...authorization, ...(client?.checks ?? [])];
  const failures = all.filter((check) => check.ok === false);
  const skippedCount = all.filter((check) => check.ok === 'skipped').length;
  const summary =
    failures.length === 0
      ? `All ${all.length} checks passed.`
      : `${failures.length} check${failures.length === 1 ? '' : 's'} failed${
          skippedCount ? ` and ${skippedCount} waited for them` : ''
        }. Start with the first ✗: the ones after it often follow from it.`;
  const sections = [{ heading: 'Authorization', checks: authorization.map(row) }];
  if (client)
    sections.push({ heading: `Client: ${client.organization.name}`, checks: client.checks.map(row) });
  const organizations = result.organizations;
  return troubleshootCard({
    title: client ? `Troubleshoot ${client.organization.name}` : 'Troubleshoot',
    summary,
    allPassed: failures.length === 0,
    sections,
    ...(client ? {} : pickerOf(organizations)),
    buttons: buttonsFor(failures, client?.organization.id, isAdmin),
  });
}

function row(check: Check): TroubleshootCheckRow {
  const mark = check.ok === true ? 'passed' : check.ok === false ? 'failed' : 'skipped';
  return { mark, title: check.title, detail: check.detail, ...(check.fix ? { fix: check.fix } : {}) };
}

function pickerOf(organizations: Organization[]): {
  picker?: { organizationChoices: Choice[]; organizationsDynamic: boolean };
  pickerNote: string;
} {
  if (organizations.length === 0)
    return { pickerNote: 'No client organizations yet: add them with **organizations**, then map them.' };
  return {
    picker: {
      organizationChoices: organizations
        .slice(0, DROP_DOWN_LIMIT)
        .map((organization) => ({ title: organization.name, value: organization.id })),
      organizationsDynamic: organizations.length > DROP_DOWN_LIMIT,
    },
    pickerNote: 'Pick a client to check it too, or type **troubleshoot** and its name.',
  };
}

/** One button per distinct fix, in the order the checks failed; changes stay with administrators. */
function buttonsFor(failures: Check[], organizationId: string | undefined, isAdmin: boolean): ActionButton[] {
  const buttons: ActionButton[] = [];
  const seen = new Set<string>();
  for (const check of failures) {
    const button = check.remedy && remedyButton(check.remedy, organizationId, isAdmin);
    const key = button && JSON.stringify(button.data);
    if (button && key && !seen.has(key)) {
      seen.add(key);
      buttons.push(button);
    }
  }
  buttons.push({
    title: 'Check again',
    data: { action: 'troubleshoot.run', ...(organizationId ? { organizationId } : {}) },
  });
  return buttons;
}

function remedyButton(
  remedy: Remedy,
  organizationId: string | undefined,
  isAdmin: boolean,
): ActionButton | undefined {
  switch (remedy) {
    case 'setup':
      return isAdmin ? { title: 'Run setup', data: { action: 'runCommand', command: 'setup' } } : undefined;
    case 'sign-in':
      return isAdmin
        ? { title: 'Sign in again', data: { action: 'runCommand', command: 'setup' } }
        : undefined;
    case 'sync':
      return isAdmin
        ? { title: 'Sync customers', data: { action: 'runCommand', command: 'sync' } }
        : undefined;
    case 'map':
      return organizationId
        ? { title: 'Map the client', data: { action: 'map.open', organizationId } }
        : undefined;
    case 'consent':
      return organizationId
        ? { title: 'Open the consent card', data: { action: 'consent.open', organizationId } }
        : undefined;
  }
}
