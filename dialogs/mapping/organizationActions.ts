// The organizations flow in chat: the cards and words for what OrganizationCases decides (list, edits, CSV import).
import type { TurnContext } from 'botbuilder';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { importPreviewCard, organizationsListCard } from '../../cards/mappingCards.js';
import { noticeCard } from '../../cards/noticeCard.js';
import type { ImportPreview } from '../../services/organizations/csvImport.js';
import { AppError } from '../../services/errors.js';
import { OrganizationCases } from '../../services/organizations/organizationCases.js';
import { getTurnUser } from '../../bot/turnUser.js';
import type { MappingDeps } from './mappingDeps.js';
import type { CardActionOf } from '../../cards/cardActions.js';
import { mayRun } from '../actionRoutes.js';

type OrganizationName =
  'orgs.show' | 'orgs.add' | 'orgs.rename' | 'orgs.remove' | 'import.apply' | 'import.cancel';

export class OrganizationActions {
  private readonly cases: OrganizationCases;

  constructor(private readonly deps: MappingDeps) {
    // Built here, not in MappingDeps, so its kept previews live as long as these actions, as they always did.
    this.cases = new OrganizationCases(deps);
  }

  async show(context: TurnContext, page: number): Promise<void> {
    await context.sendActivity({ attachments: [await this.card(page)] });
  }

  async card(page: number, notice?: string): Promise<CardAttachment> {
    const shown = await this.cases.list({ page });
    return organizationsListCard({
      revision: shown.revision,
      summary: shown.total === 0 ? 'No organizations yet.' : `${shown.total} organizations.`,
      notice,
      page: shown.page,
      pages: shown.pages,
      rows: shown.organizations.map((organization) => ({
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
    const by = (context: TurnContext) => getTurnUser(context).aadObjectId;
    return {
      'orgs.show': (context, action) => this.show(context, action.page ?? 1),
      'orgs.add': async (context, action) => {
        const { revision, name, externalId, domain } = action;
        const added = await this.cases.add({ revision, name, externalId, domain, by: by(context) });
        return this.done(context, `Added **${added.name}**.`);
      },
      'orgs.rename': async (context, action) => {
        const { revision, organizationId, name } = action;
        const renamed = await this.cases.rename({ revision, organizationId, name, by: by(context) });
        return this.done(context, `Renamed to **${renamed.name}**.`);
      },
      'orgs.remove': async (context, action) => {
        const { revision, organizationId } = action;
        const outcome = await this.cases.remove({ revision, organizationId, by: by(context) });
        return this.done(
          context,
          outcome.kind === 'removed'
            ? `Removed **${outcome.name}** and its mapping.`
            : 'That organization was already removed.',
        );
      },
      'import.apply': async (context, action) => {
        const outcome = await this.cases.apply({ previewId: action.previewId, by: by(context) });
        if (outcome.kind === 'gone') {
          await context.sendActivity(
            'That preview is no longer available (it is kept for a short while only). Attach the file again.',
          );
          return;
        }
        return this.done(
          context,
          outcome.kind === 'already-applied'
            ? 'That import was already applied; nothing changed.'
            : `Imported: ${outcome.added} added, ${outcome.updated} updated${outcome.mapsCustomers ? `, ${outcome.mapped} mapped` : ''}.`,
        );
      },
      'import.cancel': async (context, action) => {
        await this.cases.cancel({ previewId: action.previewId });
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
    const preview = await this.cases.preview({ content, by: getTurnUser(context).aadObjectId });
    await context.sendActivity({ attachments: [previewCard(preview, file.name)] });
    return true;
  }

  private async done(context: TurnContext, message: string) {
    await context.sendActivity({ attachments: [noticeCard({ kind: 'info', title: 'Done', message })] });
    await this.show(context, 1);
  }
}

function previewCard(preview: ImportPreview, fileName: string): CardAttachment {
  const changes = [
    ...preview.toAdd.map((row) => ({ text: `add **${row.name}**${row.domain ? ` (${row.domain})` : ''}` })),
    ...preview.toUpdate.map((row) => ({
      text: `update **${row.before.name}**: ${describeUpdate(row.before, row.after)}`,
    })),
    ...preview.toMap.map((row) => ({ text: `map **${row.organizationName}** to **${row.customerName}**` })),
  ];
  return importPreviewCard({
    previewId: preview.id,
    fileName,
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
  });
}

function describeUpdate(before: object, after: object): string {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return Object.keys(now)
    .filter((key) => now[key] !== undefined && now[key] !== was[key])
    .map((key) => `${key} ${String(was[key] ?? '–')} → ${String(now[key])}`)
    .join(', ');
}
