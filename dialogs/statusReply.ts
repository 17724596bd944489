// The status card: each part of the setup with a tick, what to do next, and who is asking.
import type { CardAttachment } from '../cards/cardAttachment.js';
import type { CommandButton } from '../cards/cardActions.js';
import { statusCard } from '../cards/statusCard.js';
import type { SetupStatus } from '../services/status/setupStatus.js';
import type { TurnUser } from '../bot/turnUser.js';

export function statusReply(status: SetupStatus, user: TurnUser, environment: string): CardAttachment {
  const plural = status.installedConversations === 1 ? '' : 's';
  const buttons: CommandButton[] = [];
  if (user.isAdmin)
    buttons.push({ title: status.integrationConfigured ? 'Change setup' : 'Set up', command: 'setup' });
  buttons.push({ title: 'Troubleshoot', command: 'troubleshoot' }, { title: 'Help', command: 'help' });
  return statusCard({
    items: [
      {
        label: 'Microsoft CSP integration',
        done: status.integrationConfigured,
        detail: !status.integrationConfigured
          ? 'Not set up yet. An MSP administrator runs setup and signs in with a partner admin account.'
          : `Set up for ${status.partnerTenant}.`,
      },
      {
        label: 'Authorization',
        done: Boolean(status.authorizedAs),
        detail: status.authorizedAs
          ? `Signed in as ${status.authorizedAs}; tokens refresh on their own.`
          : status.integrationConfigured
            ? 'Nobody is signed in (signed out). An MSP administrator runs setup again to sign in.'
            : 'Happens at the end of setup.',
      },
      {
        label: 'Where I am installed',
        done: status.installedConversations > 0,
        detail: `${status.installedConversations} chat${plural} or channel${plural} can receive alerts; ${status.alertConversations} ${status.alertConversations === 1 ? 'gets' : 'get'} them.`,
      },
      {
        label: 'Open problems',
        done: status.openAlerts === 0,
        detail:
          status.openAlerts === 0
            ? 'None found at the last check.'
            : `${status.openAlerts} kind(s) of problem open: type conflicts to see them and their fixes.`,
      },
    ],
    userName: user.name || 'You',
    role: user.isAdmin ? 'MSP administrator' : 'read-only',
    environment,
    buttons,
  });
}
