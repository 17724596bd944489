// Client mapping in chat: the map picker and its submits, the mappings list, and customer sync.
import type { TurnContext } from 'botbuilder';
import type { AppError } from '../../services/errors.js';
import type { CardActionOf, MappingAction } from '../../cards/cardActions.js';
import { explainedRoute, type ActionRoute, type ActionRoutes, type Rights } from '../actionRoutes.js';
import type { CardChange } from '../../services/mappings/mappingCases.js';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { mapAllPreviewCard, mapResultsCard } from '../../cards/mappingCards.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { getTurnUser } from '../../bot/turnUser.js';
import { ConflictFix } from './conflictFix.js';
import { mapPicker } from './mapPicker.js';
import type { MappingDeps } from './mappingDeps.js';
import { asFilter, mappingsListReply } from './mappingsListReply.js';
import { OrganizationActions } from './organizationActions.js';

type MappingName = MappingAction['action'];
type Of<Name extends MappingName> = CardActionOf<Name>;

export class MappingActions {
  private readonly organizationActions: OrganizationActions;
  private readonly conflictFix: ConflictFix;

  constructor(private readonly deps: MappingDeps) {
    this.organizationActions = new OrganizationActions(deps);
    this.conflictFix = new ConflictFix(deps);
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

  /** The mapping and organization buttons: changes need an administrator; looking (open, find, lists) does not. */
  routes(): ActionRoutes<MappingName> {
    const organizations = this.organizationActions.routes();
    return {
      'map.open': this.route('anyone', (context, action) =>
        this.reply(context, mapPicker(this.deps, action.organizationId)),
      ),
      'map.save': this.route('admin', (context, action) => this.save(context, action)),
      'map.remap': this.route('admin', (context, action) => this.save(context, action)),
      'map.unmap': this.route('admin', async (context, action) => {
        const result = await this.deps.cases.unmap({
          ...this.change(context, action),
          organizationId: action.organizationId,
        });
        const name = result.organizationName ?? 'The organization';
        await this.notice(
          context,
          result.changed ? `${name} is no longer mapped.` : `${name} was not mapped.`,
        );
        return this.reply(context, mappingsListReply(this.deps, 'all', '', 1));
      }),
      'map.fixConflict': this.route('anyone', (context, action) =>
        this.conflictFix.show(context, action.organizationId),
      ),
      'map.keep': this.route('admin', (context, action) =>
        this.conflictFix.keep(context, { ...this.change(context, action), ...action }),
      ),
      'map.find': this.route('anyone', (context, action) =>
        this.find(context, action.customerQuery ?? '', action.organizationId ?? ''),
      ),
      'map.previewAll': this.route('anyone', (context) => this.previewAll(context)),
      'map.applyAll': this.route('admin', (context, action) => this.applyAll(context, action)),
      'mappings.show': this.route('anyone', (context, action) =>
        this.reply(
          context,
          mappingsListReply(this.deps, asFilter(action.filter ?? ''), action.name ?? '', action.page ?? 1),
        ),
      ),
      'orgs.show': this.route('anyone', organizations['orgs.show']),
      'orgs.add': this.route('admin', organizations['orgs.add']),
      'orgs.rename': this.route('admin', organizations['orgs.rename']),
      'orgs.remove': this.route('admin', organizations['orgs.remove']),
      'import.apply': this.route('admin', organizations['import.apply']),
      'import.cancel': this.route('anyone', organizations['import.cancel']),
    };
  }

  /** A route whose refusals (stale card, unknown organization, a conflict) are explained with the card to go on. */
  private route<Name extends MappingName>(
    rights: Rights,
    run: (context: TurnContext, action: Of<Name>) => Promise<void>,
  ): ActionRoute<Name> {
    return explainedRoute(rights, run, (context, error, action) => this.explain(context, error, action));
  }

  /** Who presses, and the revision the card was drawn at: what every change from a card carries. */
  private change(context: TurnContext, action: { revision?: number }): CardChange {
    return { by: getTurnUser(context).aadObjectId, revision: action.revision };
  }

  private async save(context: TurnContext, action: Of<'map.save' | 'map.remap'>): Promise<void> {
    const outcome = await this.deps.cases.map({
      ...this.change(context, action),
      organizationId: action.organizationId,
      customerTenantId: action.customerTenantId,
      replace: action.action === 'map.remap',
    });
    if (outcome.kind === 'incomplete') {
      return this.reply(
        context,
        mapPicker(
          this.deps,
          outcome.organizationId,
          'Choose both an organization and a customer, then press Map.',
        ),
      );
    }
    const { changed, organizationName: organization, customerName: customer } = outcome;
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
    const found = this.deps.cases.find({ query, organizationId });
    await this.reply(
      context,
      mapResultsCard({
        revision: found.revision,
        query,
        organizationId,
        organizationName: found.organizationName,
        results: found.results.map((customer) => ({
          name: customer.displayName,
          domain: customer.defaultDomainName,
          tenantId: customer.tenantId,
        })),
      }),
    );
  }

  private async previewAll(context: TurnContext) {
    const { revision, syncedAt, unmapped, preview } = await this.deps.cases.previewAll();
    await this.reply(
      context,
      mapAllPreviewCard({
        revision,
        syncedAt,
        summary:
          preview.length === 0
            ? `None of the ${unmapped} unmapped organizations has a match I am sure of: map them one by one.`
            : `${preview.length} of ${unmapped} unmapped organizations have a match I am sure of (same domain, or the same name with nothing else close). The others need you to choose.`,
        rows: preview.slice(0, 20).map(({ organization, customer }) => ({
          organization: organization.name,
          customer: customer.displayName,
        })),
        more: Math.max(0, preview.length - 20),
        total: preview.length,
      }),
    );
  }

  private async applyAll(context: TurnContext, action: Of<'map.applyAll'>) {
    const outcome = await this.deps.cases.applyAll({
      ...this.change(context, action),
      syncedAt: action.syncedAt,
    });
    if (outcome.kind === 'resynced') {
      await this.notice(
        context,
        'The customer list was synced again since that preview. Here is a fresh one.',
      );
      return this.previewAll(context);
    }
    await this.notice(
      context,
      outcome.changed
        ? `Mapped ${outcome.mapped} organizations.`
        : 'Nothing to map: they are mapped already.',
    );
    await this.reply(context, mappingsListReply(this.deps, 'unmapped', '', 1));
  }

  private async explain(context: TurnContext, error: AppError, action: MappingAction) {
    const organizationId = ('organizationId' in action && action.organizationId) || '';
    const tenantId = ('customerTenantId' in action && action.customerTenantId) || '';
    // Mapping again one of the customers a conflicted organization holds: what it needs is to drop the others.
    if (error.code === 'MAPPING_CONFLICT' && this.deps.cases.holdsAlready(organizationId, tenantId)) {
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
        action.action.startsWith('orgs.')
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
