// The MSP's own organizations in chat: list, add, rename, remove, and CSV import with a preview first.
import type { TurnContext } from 'botbuilder';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { importPreviewCard, organizationsListCard } from '../../cards/mappingCards.js';
import { noticeCard } from '../../cards/noticeCard.js';
import type { ImportPreview } from '../../services/organizations/csvImport.js';
import { AppError } from '../../services/errors.js';
import { getTurnUser } from '../../bot/turnUser.js';
import { cardRevision, type MappingDeps } from './mappingDeps.js';
import type { CardActionOf } from '../../cards/cardActions.js';
import { mayRun } from '../actionRoutes.js';

type OrganizationName =
  'orgs.show' | 'orgs.add' | 'orgs.rename' | 'orgs.remove' | 'import.apply' | 'import.cancel';

const PAGE_SIZE = 10;
// Previews wait in memory for Apply; a restart simply asks for the file again.
const KEPT_PREVIEWS = 20;

export class OrganizationActions {
  private readonly previews = new Map<string, { preview: ImportPreview; userAadId: string }>();

  constructor(private readonly deps: MappingDeps) {}

  async show(context: TurnContext, page: number): Promise<void> {
    await context.sendActivity({ attachments: [await this.card(page)] });
  }

  async card(page: number, notice?: string): Promise<CardAttachment> {
    const all = this.deps.organizations.list();
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    return organizationsListCard({
      revision: this.deps.organizations.revision,
      summary: all.length === 0 ? 'No organizations yet.' : `${all.length} organizations.`,
      notice,
      page: current,
      pages,
      rows: all.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((organization) => ({
        id: organization.id,
        name: organization.name,
        details:
          [organization.externalId && `id ${organization.externalId}`, organization.domain]
            .filter(Boolean)
            .join(' · ') || ' ',
      })),
    });
  }

  /** The organization and import buttons; rights and refusals are the mapping routes' (see MappingActions). */
  routes(): {
    [Name in OrganizationName]: (context: TurnContext, action: CardActionOf<Name>) => Promise<void>;
  } {
    // Only the changes need the card's revision; looking and the import's own buttons do not carry one.
    const by = (context: TurnContext) => getTurnUser(context).aadObjectId;
    return {
      'orgs.show': (context, action) => this.show(context, action.page ?? 1),
      'orgs.add': async (context, action) => {
        const write = { by: by(context), expectedRevision: cardRevision(action.revision) };
        const added = await this.deps.organizations.add(
          { name: action.name ?? '', externalId: action.externalId, domain: action.domain },
          write,
        );
        return this.done(context, `Added **${added.name}**.`);
      },
      'orgs.rename': async (context, action) => {
        const write = { by: by(context), expectedRevision: cardRevision(action.revision) };
        const renamed = await this.deps.organizations.rename(action.organizationId, action.name ?? '', write);
        return this.done(context, `Renamed to **${renamed.name}**.`);
      },
      'orgs.remove': async (context, action) => {
        const write = { by: by(context), expectedRevision: cardRevision(action.revision) };
        const name = this.deps.organizations.get(action.organizationId)?.name;
        const removed = await this.deps.organizations.remove(action.organizationId, write);
        return this.done(
          context,
          removed ? `Removed **${name}** and its mapping.` : 'That organization was already removed.',
        );
      },
      'import.apply': (context, action) => this.apply(context, action.previewId),
      'import.cancel': async (context, action) => {
        this.previews.delete(action.previewId);
        await context.sendActivity('Import cancelled. Nothing was changed.');
      },
    };
  }

  /** A CSV attached to a message: show what would change; nothing is saved yet. */
  async previewFile(context: TurnContext): Promise<boolean> {
    const file = this.deps.findCsvAttachment(context);
    if (!file) return false;
    // Rights first: a reader's attachment is never fetched.
    if (!mayRun(context, 'admin')) {
      await context.sendActivity('Only MSP administrators can import organizations.');
      return true;
    }
    let content: Uint8Array;
    try {
      content = await this.deps.downloadCsv(file);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'IMPORT_REFUSED')) throw error;
      await context.sendActivity(`${error.userMessage} Nothing was changed.`);
      return true;
    }
    const preview = await this.deps.organizations.previewImportInSlices(content, {
      customer: (tenantId) => this.deps.customers.get(tenantId),
      linksOf: (organizationId) =>
        this.deps.mappings.forOrganization(organizationId).map((mapping) => mapping.customerTenantId),
    });
    this.previews.set(preview.id, { preview, userAadId: getTurnUser(context).aadObjectId });
    while (this.previews.size > KEPT_PREVIEWS) this.previews.delete(this.previews.keys().next().value!);
    const changes = [
      ...preview.toAdd.map((row) => ({ text: `add **${row.name}**${row.domain ? ` (${row.domain})` : ''}` })),
      ...preview.toUpdate.map((row) => ({
        text: `update **${row.before.name}**: ${describeUpdate(row.before, row.after)}`,
      })),
      ...preview.toMap.map((row) => ({ text: `map **${row.organizationName}** to **${row.customerName}**` })),
    ];
    await context.sendActivity({
      attachments: [
        importPreviewCard({
          previewId: preview.id,
          fileName: file.name,
          added: preview.toAdd.length,
          updated: preview.toUpdate.length,
          unchanged: preview.unchanged,
          rejectedCount: preview.rejected.length,
          mapsCustomers: preview.mapsCustomers,
          mapped: preview.toMap.length,
          changes: changes.slice(0, 10),
          rejected: preview.rejected.slice(0, 10).map(({ line, reason }) => ({ line, reason })),
          moreRejected: Math.max(0, preview.rejected.length - 10),
          refusedMappings: preview.mappingsRefused.slice(0, 10).map(({ line, reason }) => ({ line, reason })),
          moreRefusedMappings: Math.max(0, preview.mappingsRefused.length - 10),
          ignoredColumns: preview.ignoredColumns,
        }),
      ],
    });
    return true;
  }

  private async apply(context: TurnContext, previewId: string) {
    const kept = this.previews.get(previewId);
    if (!kept) {
      await context.sendActivity(
        'That preview is no longer available (it is kept for a short while only). Attach the file again.',
      );
      return;
    }
    const result = await this.deps.organizations.applyImport(kept.preview, {
      by: getTurnUser(context).aadObjectId,
    });
    this.previews.delete(previewId);
    const message = result.alreadyApplied
      ? 'That import was already applied; nothing changed.'
      : `Imported: ${result.added} added, ${result.updated} updated${kept.preview.mapsCustomers ? `, ${result.mapped} mapped` : ''}.`;
    await this.done(context, message);
  }

  private async done(context: TurnContext, message: string) {
    await context.sendActivity({ attachments: [noticeCard({ kind: 'info', title: 'Done', message })] });
    await this.show(context, 1);
  }
}

function describeUpdate(before: object, after: object): string {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return Object.keys(now)
    .filter((key) => now[key] !== undefined && now[key] !== was[key])
    .map((key) => `${key} ${String(was[key] ?? '–')} → ${String(now[key])}`)
    .join(', ');
}
