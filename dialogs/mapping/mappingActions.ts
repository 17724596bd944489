// Client mapping in chat: the map picker and its submits, the mappings list, and customer sync.
import type { TurnContext } from 'botbuilder';
import { ERROR_MESSAGES, isAppError } from '../../services/errors.js';
import { unmappedOrganizations } from '../../services/mappings/mappedClients.js';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { mapAllPreviewCard, mapResultsCard } from '../../cards/mappingCards.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { getTurnUser } from '../../bot/turnUser.js';
import { ConflictFix } from './conflictFix.js';
import { mapPicker } from './mapPicker.js';
import { cardRevision, text, whole, type MappingDeps } from './mappingDeps.js';
import { asFilter, mappingsListReply } from './mappingsListReply.js';
import { OrganizationActions } from './organizationActions.js';

// Changes need an admin; looking (open, find, lists) does not.
const READ_ONLY = new Set([
  'map.open',
  'map.fixConflict',
  'map.find',
  'map.previewAll',
  'mappings.show',
  'orgs.show',
  'import.cancel',
]);

export class MappingActions {
  private readonly organizationActions: OrganizationActions;
  private readonly conflictFix: ConflictFix;

  constructor(private readonly deps: MappingDeps) {
    this.organizationActions = new OrganizationActions(deps);
    this.conflictFix = new ConflictFix(deps);
  }

  static owns(action: unknown): action is string {
    return typeof action === 'string' && /^(map|mappings|orgs|import)\./.test(action);
  }

  async command(context: TurnContext, command: 'map' | 'mappings' | 'organizations' | 'sync', args: string) {
    switch (command) {
      case 'map': {
        const organization = args ? this.deps.organizations.findByName(args) : undefined;
        const notice =
          args && !organization ? `I found no organization called “${args}”. Pick one below.` : undefined;
        return this.reply(context, mapPicker(this.deps, organization?.id, notice));
      }
      case 'mappings':
        return this.reply(context, mappingsListReply(this.deps, asFilter(args || 'all'), '', 1));
      case 'organizations':
        return this.organizationActions.show(context, 1);
      case 'sync':
        return this.deps.startSync(context);
    }
  }

  /** A CSV file attached to a message: preview an import. */
  importFile(context: TurnContext) {
    return this.organizationActions.previewFile(context);
  }

  async submit(context: TurnContext, value: Record<string, unknown>): Promise<void> {
    const action = text(value, 'action');
    if (!READ_ONLY.has(action) && !getTurnUser(context).isAdmin) {
      await context.sendActivity(ERROR_MESSAGES.NOT_ADMIN);
      return;
    }
    try {
      await this.dispatch(context, action, value);
    } catch (error) {
      if (!isAppError(error)) throw error;
      await this.explain(context, error, value);
    }
  }

  private async dispatch(
    context: TurnContext,
    action: string,
    value: Record<string, unknown>,
  ): Promise<void> {
    const by = getTurnUser(context).aadObjectId;
    const organizationId = text(value, 'organizationId');
    switch (action) {
      case 'map.open':
        return this.reply(context, mapPicker(this.deps, organizationId || undefined));
      case 'map.save':
      case 'map.remap': {
        const expectedRevision = cardRevision(value);
        const tenantId = text(value, 'customerTenantId');
        if (!organizationId || !tenantId) {
          return this.reply(
            context,
            mapPicker(
              this.deps,
              organizationId || undefined,
              'Choose both an organization and a customer, then press Map.',
            ),
          );
        }
        const result =
          action === 'map.remap'
            ? await this.deps.mappings.remap(organizationId, tenantId, { by, expectedRevision })
            : await this.deps.mappings.map(organizationId, tenantId, { by, expectedRevision });
        return this.confirmMapped(context, organizationId, tenantId, result.changed);
      }
      case 'map.unmap': {
        const result = await this.deps.mappings.unmap(organizationId, {
          by,
          expectedRevision: cardRevision(value),
        });
        const name = this.deps.organizations.get(organizationId)?.name ?? 'The organization';
        await this.notice(
          context,
          result.changed ? `${name} is no longer mapped.` : `${name} was not mapped.`,
        );
        return this.reply(context, mappingsListReply(this.deps, 'all', '', 1));
      }
      case 'map.fixConflict':
        return this.conflictFix.show(context, organizationId);
      case 'map.keep':
        return this.conflictFix.keep(context, value, by);
      case 'map.find':
        return this.find(context, text(value, 'customerQuery'), organizationId);
      case 'map.previewAll':
        return this.previewAll(context);
      case 'map.applyAll':
        return this.applyAll(context, value, by);
      case 'mappings.show':
        return this.reply(
          context,
          mappingsListReply(
            this.deps,
            asFilter(text(value, 'filter')),
            text(value, 'name'),
            whole(value, 'page') ?? 1,
          ),
        );
      default:
        return this.organizationActions.submit(context, action, value);
    }
  }

  private async confirmMapped(
    context: TurnContext,
    organizationId: string,
    tenantId: string,
    changed: boolean,
  ) {
    const organization = this.deps.organizations.get(organizationId)?.name ?? organizationId;
    const customer = this.deps.customers.get(tenantId)?.displayName ?? tenantId;
    await context.sendActivity({
      attachments: [
        noticeCard({
          kind: 'info',
          title: changed ? 'Mapped' : 'Already mapped',
          message: changed
            ? `**${organization}** is now mapped to **${customer}**.`
            : `**${organization}** was already mapped to **${customer}**; nothing changed.`,
          buttons: [
            { title: 'Map another', data: { action: 'map.open' } },
            { title: 'Show mappings', data: { action: 'mappings.show', filter: 'all', page: 1 } },
          ],
        }),
      ],
    });
  }

  private async find(context: TurnContext, query: string, organizationId: string) {
    const results = query ? this.deps.customers.search(query, 15) : [];
    await this.reply(
      context,
      mapResultsCard({
        revision: this.deps.mappings.revision,
        query,
        organizationId,
        organizationName: this.deps.organizations.get(organizationId)?.name ?? '',
        results: results.map((customer) => ({
          name: customer.displayName,
          domain: customer.defaultDomainName,
          tenantId: customer.tenantId,
        })),
      }),
    );
  }

  private async previewAll(context: TurnContext) {
    const unmapped = unmappedOrganizations(this.deps.organizations.list(), this.deps.mappings);
    const { preview } = await this.deps.customers.suggestAll(unmapped);
    await this.reply(
      context,
      mapAllPreviewCard({
        revision: this.deps.mappings.revision,
        syncedAt: this.deps.customers.syncedAt ?? '',
        summary:
          preview.length === 0
            ? `None of the ${unmapped.length} unmapped organizations has a match I am sure of: map them one by one.`
            : `${preview.length} of ${unmapped.length} unmapped organizations have a match I am sure of (same domain, or the same name with nothing else close). The others need you to choose.`,
        rows: preview.slice(0, 20).map(({ organization, customer }) => ({
          organization: organization.name,
          customer: customer.displayName,
        })),
        more: Math.max(0, preview.length - 20),
        total: preview.length,
      }),
    );
  }

  private async applyAll(context: TurnContext, value: Record<string, unknown>, by: string) {
    const expectedRevision = cardRevision(value);
    // The preview is recomputed, not carried: the revision and sync time prove it is the same one.
    if (text(value, 'syncedAt') !== (this.deps.customers.syncedAt ?? '')) {
      await this.notice(
        context,
        'The customer list was synced again since that preview. Here is a fresh one.',
      );
      return this.previewAll(context);
    }
    const unmapped = unmappedOrganizations(this.deps.organizations.list(), this.deps.mappings);
    const pairs = (await this.deps.customers.suggestAll(unmapped)).preview.map(
      ({ organization, customer }) => ({
        organizationId: organization.id,
        customerTenantId: customer.tenantId,
      }),
    );
    const result = await this.deps.mappings.mapMany(pairs, { by, expectedRevision });
    await this.notice(
      context,
      result.changed ? `Mapped ${result.mapped} organizations.` : 'Nothing to map: they are mapped already.',
    );
    await this.reply(context, mappingsListReply(this.deps, 'unmapped', '', 1));
  }

  private async explain(
    context: TurnContext,
    error: Parameters<typeof isAppError>[0] & { code: string; userMessage: string },
    value: Record<string, unknown>,
  ) {
    const organizationId = text(value, 'organizationId');
    const tenantId = text(value, 'customerTenantId');
    const linked = this.deps.mappings.forOrganization(organizationId);
    // Mapping again one of the customers a conflicted organization holds: what it needs is to drop the others.
    if (error.code === 'MAPPING_CONFLICT' && linked.some((link) => link.customerTenantId === tenantId)) {
      return this.conflictFix.show(
        context,
        organizationId,
        'Not saved: it is linked to that customer already, and to others too. Keep the right one:',
      );
    }
    if (error.code === 'MAPPING_CONFLICT') {
      await context.sendActivity({
        attachments: [
          noticeCard({
            kind: 'error',
            title: 'Not saved: that would link one organization to two customers',
            message: error.userMessage,
            buttons: [
              {
                title: 'Remap to the new customer',
                data: {
                  action: 'map.remap',
                  revision: this.deps.mappings.revision,
                  organizationId,
                  customerTenantId: tenantId,
                },
              },
              {
                title: 'Keep the current mapping',
                data: { action: 'mappings.show', filter: 'all', page: 1 },
              },
            ],
          }),
        ],
      });
      return;
    }
    await this.notice(context, error.userMessage, 'warning');
    // A stale or invalid card is replaced by the current state rather than applied.
    if (error.code === 'STALE' || error.code.endsWith('NOT_FOUND')) {
      const known =
        organizationId && this.deps.organizations.get(organizationId) ? organizationId : undefined;
      await this.reply(
        context,
        text(value, 'action').startsWith('orgs.')
          ? await this.organizationActions.card(1)
          : mapPicker(this.deps, known),
      );
    }
  }

  private async notice(context: TurnContext, message: string, kind: 'info' | 'warning' = 'info') {
    await context.sendActivity({
      attachments: [noticeCard({ kind, title: kind === 'info' ? 'Done' : 'Nothing was changed', message })],
    });
  }

  private async reply(context: TurnContext, card: CardAttachment) {
    await context.sendActivity({ attachments: [card] });
  }
}
