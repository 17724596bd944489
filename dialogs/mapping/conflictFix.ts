// The conflict alert's fix: the organization's linked customers, each with "Keep this one", applied in one write.
import type { TurnContext } from 'botbuilder';
import { mapConflictCard } from '../../cards/mappingCards.js';
import type { CommandButton } from '../../cards/cardActions.js';
import { noticeCard, type ActionButton } from '../../cards/noticeCard.js';
import type { CardChange, LinkedCustomer } from '../../services/mappings/mappingCases.js';
import type { MappingDeps } from './mappingDeps.js';

const AFTER_BUTTONS: (CommandButton | ActionButton)[] = [
  { title: 'Open problems', command: 'conflicts' },
  { title: 'Show mappings', data: { action: 'mappings.show', filter: 'all', page: 1 } },
];

export class ConflictFix {
  constructor(private readonly deps: MappingDeps) {}

  /** The organization's customers to choose from; an organization no longer in conflict is told so. */
  async show(context: TurnContext, organizationId: string, notice?: string): Promise<void> {
    const view = this.deps.cases.conflict(organizationId);
    if (view.kind !== 'conflict') {
      const message =
        view.kind === 'gone'
          ? 'That organization no longer exists, so there is nothing to fix.'
          : view.kind === 'unlinked'
            ? `**${view.organization.name}** is not linked to any customer now, so there is nothing to fix.`
            : `**${view.organization.name}** is linked to one customer only now (**${view.customer.name}**): nothing to fix.`;
      await this.notice(context, 'Nothing to fix', [notice, message].filter(Boolean).join(' '));
      return;
    }
    const { organization, customers } = view;
    await context.sendActivity({
      attachments: [
        mapConflictCard({
          revision: view.revision,
          organizationId: organization.id,
          organizationName: organization.name,
          notice,
          message: `**${organization.name}** is linked to ${customers.length} CSP customers, and automation can follow only one. Press **Keep this one** on the customer this organization belongs to: the other links are removed in the same step.`,
          customers: customers.map((linked) => ({
            name: linked.name,
            detail: detail(linked),
            tenantId: linked.tenantId,
          })),
        }),
      ],
    });
  }

  async keep(
    context: TurnContext,
    input: CardChange & { organizationId: string; customerTenantId?: string },
  ): Promise<void> {
    const outcome = await this.deps.cases.keep(input);
    if (outcome.kind === 'not-kept') {
      return this.show(
        context,
        input.organizationId,
        outcome.reason === 'stale'
          ? 'Nothing was changed: the mappings changed since that card was shown. This is how they stand now.'
          : undefined,
      );
    }
    if (!outcome.changed) {
      await this.notice(
        context,
        'Already done',
        `**${outcome.organizationName}** was already linked only to **${outcome.kept}**; nothing changed.`,
      );
      return;
    }
    const removed = outcome.removed.map((name) => `**${name}**`).join(' and ');
    await context.sendActivity({
      attachments: [
        noticeCard({
          kind: 'info',
          title: 'Conflict fixed',
          message: `**${outcome.organizationName}** is now linked only to **${outcome.kept}**. The link to ${removed} was removed.`,
          buttons: AFTER_BUTTONS,
        }),
      ],
    });
  }

  private async notice(context: TurnContext, title: string, message: string): Promise<void> {
    await context.sendActivity({
      attachments: [noticeCard({ kind: 'info', title, message, buttons: AFTER_BUTTONS })],
    });
  }
}

function detail({ tenantId, customer, linkedAt }: LinkedCustomer): string {
  const where = customer
    ? [customer.defaultDomainName, customer.tenantId].filter(Boolean).join(' · ')
    : `${tenantId} · not in your CSP customer list`;
  return linkedAt ? `${where} · linked ${linkedAt.slice(0, 10)}` : where;
}
