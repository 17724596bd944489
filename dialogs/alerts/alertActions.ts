// Alerts in chat: `alerts` (this conversation's setting), `alerts on|off`, and `conflicts` (the open problems now).
import type { TurnContext } from 'botbuilder';
import type { AlertAction } from '../../cards/cardActions.js';
import type { ActionRoutes } from '../actionRoutes.js';
import { noticeCard } from '../../cards/noticeCard.js';
import type { AlertCases, SetAlertsOutcome } from '../../services/alerts/alertCases.js';
import type { SubscriptionState } from '../../services/alerts/alertSubscriptions.js';
import { getTurnUser } from '../../bot/turnUser.js';
import { alertReply } from './alertReply.js';

const SOURCE_TEXT: Record<SubscriptionState['source'], string> = {
  chosen: '',
  setup: 'Setup chose this conversation for alerts.',
  default: 'Only the conversation chosen in setup gets alerts unless others turn them on.',
};

export class AlertActions {
  constructor(private readonly cases: AlertCases) {}

  async command(context: TurnContext, command: 'alerts' | 'conflicts', args: string): Promise<void> {
    if (command === 'conflicts') return this.conflicts(context);
    const wanted = args.trim().toLowerCase();
    if (wanted) {
      await context.sendActivity(
        'Type **alerts on**, **alerts off**, or **alerts** to see this chat’s setting.',
      );
      return;
    }
    return this.settings(context);
  }

  /** Typed `alerts on` and `alerts off` are the settings card's button, and go where it goes. */
  static typedAction(args: string): AlertAction | undefined {
    const wanted = args.trim().toLowerCase();
    return wanted === 'on' || wanted === 'off' ? { action: 'alerts.set', on: wanted === 'on' } : undefined;
  }

  /** Anyone decides for their own chat with the bot; a shared chat or channel is an administrator's call. */
  routes(): ActionRoutes<AlertAction['action']> {
    return {
      'alerts.set': {
        rights: 'admin-unless-personal',
        ask: 'change alerts here',
        run: async (context, { on }) => {
          if (on !== undefined) return this.set(context, on);
          await context.sendActivity(
            'That button is from an older card. Type **alerts** to see this chat’s setting.',
          );
        },
      },
    };
  }

  private async conflicts(context: TurnContext): Promise<void> {
    const open = await this.cases.openProblems();
    if (open.length === 0) {
      await context.sendActivity({
        attachments: [
          noticeCard({
            kind: 'info',
            title: 'No open problems',
            message:
              'No organization is linked to more than one customer, every mapped customer is in your CSP list, and no client’s delegated access needs attention right now.',
            buttons: [{ title: 'Alert settings', command: 'alerts' }],
          }),
        ],
      });
      return;
    }
    const cards = open.flatMap((record) => alertReply(record) ?? []);
    await context.sendActivity({
      text: `${open.length} open problem kind(s):`,
      attachments: cards,
      attachmentLayout: 'list',
    });
  }

  private async settings(context: TurnContext): Promise<void> {
    const { state, destination } = this.cases.settingsOf({
      conversationId: context.activity.conversation.id,
    });
    const why =
      state.source === 'chosen'
        ? `Turned ${state.on ? 'on' : 'off'} here on ${state.changedAt?.slice(0, 10)}.`
        : SOURCE_TEXT[state.source];
    const elsewhere = !state.on && destination ? ` Alerts go to: ${destination}.` : '';
    await context.sendActivity({
      attachments: [
        noticeCard({
          kind: 'info',
          title: `Alerts in this conversation: ${state.on ? 'on' : 'off'}`,
          message: `${why}${elsewhere} Alerts tell you once when organizations are linked to several customers or a client’s delegated access breaks, and mark the card resolved when it is fixed.`,
          buttons: [
            { title: state.on ? 'Turn off' : 'Turn on', data: { action: 'alerts.set', on: !state.on } },
            { title: 'Open problems', command: 'conflicts' },
          ],
        }),
      ],
    });
  }

  private async set(context: TurnContext, on: boolean): Promise<void> {
    const outcome = await this.cases.set({
      conversationId: context.activity.conversation.id,
      on,
      by: getTurnUser(context).aadObjectId,
    });
    await context.sendActivity(setReply(outcome));
  }
}

function setReply(outcome: SetAlertsOutcome): string {
  if (outcome.kind === 'refused')
    return 'I cannot post here on my own yet: remove me from this conversation and add me again, then turn alerts on.';
  const changed = outcome.kind === 'changed';
  if (outcome.on)
    return changed
      ? 'Alerts are on here. Open problems come next; type **conflicts** to see them now.'
      : 'Alerts were already on here.';
  return changed
    ? 'Alerts are off here. Type **alerts on** to turn them back on.'
    : 'Alerts were already off here.';
}
