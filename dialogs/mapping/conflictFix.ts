// The conflict alert's fix: the organization's linked customers, each with "Keep this one", applied in one write.
import type { TurnContext } from 'botbuilder';
import { isAppError } from '../../services/errors.js';
import { mapConflictCard } from '../../cards/mappingCards.js';
import type { CardActionOf, CommandButton } from '../../cards/cardActions.js';
import { noticeCard, type ActionButton } from '../../cards/noticeCard.js';
import type { Mapping } from '../../services/store/storeData.js';
import { cardRevision, type MappingDeps } from './mappingDeps.js';

const AFTER_BUTTONS: (CommandButton | ActionButton)[] = [
  { title: 'Open problems', command: 'conflicts' },
  { title: 'Show mappings', data: { action: 'mappings.show', filter: 'all', page: 1 } },
];

export class ConflictFix {
  constructor(private readonly deps: MappingDeps) {}

  /** The organization's customers to choose from; an organization no longer in conflict is told so. */
  async show(context: TurnContext, organizationId: string, notice?: string): Promise<void> {
    const organization = this.deps.organizations.get(organizationId);
    const links = organization ? this.deps.mappings.forOrganization(organization.id) : [];
    if (!organization || links.length < 2) {
      const message = !organization
        ? 'That organization no longer exists, so there is nothing to fix.'
        : links.length === 0
          ? `**${organization.name}** is not linked to any customer now, so there is nothing to fix.`
          : `**${organization.name}** is linked to one customer only now (**${this.name(links[0])}**): nothing to fix.`;
      await this.notice(context, 'Nothing to fix', [notice, message].filter(Boolean).join(' '));
      return;
    }
    await context.sendActivity({
      attachments: [
        mapConflictCard({
          revision: this.deps.mappings.revision,
          organizationId: organization.id,
          organizationName: organization.name,
          notice,
          message: `**${organization.name}** is linked to ${links.length} CSP customers, and automation can follow only one. Press **Keep this one** on the customer this organization belongs to: the other links are removed in the same step.`,
          customers: links.map((link) => ({
            name: this.name(link),
            detail: this.detail(link),
            tenantId: link.customerTenantId,
          })),
        }),
      ],
    });
  }

  async keep(context: TurnContext, action: CardActionOf<'map.keep'>, by: string): Promise<void> {
    const { organizationId, customerTenantId: tenantId } = action;
    const organization = this.deps.organizations.get(organizationId);
    if (!organization || !tenantId) return this.show(context, organizationId);
    let result;
    try {
      result = await this.deps.mappings.keepOnly(organizationId, tenantId, {
        by,
        expectedRevision: cardRevision(action.revision),
      });
    } catch (error) {
      // A card older than the mappings (someone else fixed it, or linked another customer): nothing was done.
      if (!isAppError(error, 'STALE')) throw error;
      return this.show(
        context,
        organizationId,
        'Nothing was changed: the mappings changed since that card was shown. This is how they stand now.',
      );
    }
    const kept = this.name(result.kept);
    if (!result.changed) {
      await this.notice(
        context,
        'Already done',
        `**${organization.name}** was already linked only to **${kept}**; nothing changed.`,
      );
      return;
    }
    const removed = result.removed.map((link) => `**${this.name(link)}**`).join(' and ');
    await context.sendActivity({
      attachments: [
        noticeCard({
          kind: 'info',
          title: 'Conflict fixed',
          message: `**${organization.name}** is now linked only to **${kept}**. The link to ${removed} was removed.`,
          buttons: AFTER_BUTTONS,
        }),
      ],
    });
  }

  private name(link: Mapping): string {
    return this.deps.customers.get(link.customerTenantId)?.displayName || link.customerTenantId;
  }

  private detail(link: Mapping): string {
    const customer = this.deps.customers.get(link.customerTenantId);
    const where = customer
      ? [customer.defaultDomainName, customer.tenantId].filter(Boolean).join(' · ')
      : `${link.customerTenantId} · not in your CSP customer list`;
    return link.createdAt ? `${where} · linked ${link.createdAt.slice(0, 10)}` : where;
  }

  private async notice(context: TurnContext, title: string, message: string): Promise<void> {
    await context.sendActivity({
      attachments: [noticeCard({ kind: 'info', title, message, buttons: AFTER_BUTTONS })],
    });
  }
}
