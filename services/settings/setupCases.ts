// The setup use cases: where the wizard starts, what steps 1 and 2 accept, a sign-in's result, and saving at the end.
import type { Sealed } from '../crypto/secretBox.js';
import { isAppError } from '../errors.js';
import { INTEGRATIONS, INTEGRATION_IDS, type IntegrationId } from './integrationCatalog.js';
import type { AuthorizedAccount, IntegrationSettings } from './integrationSettings.js';
import {
  readConfiguration,
  type ConfigurationAnswers,
  type ConfigurationProblem,
} from './setupConfiguration.js';
import { draftFrom, settingsFrom, type SetupDraft } from './setupDraft.js';

/** The port the use cases need; the setup dialog's SetupServices extends it. */
export interface SetupCasesPorts {
  readonly productAppAvailable: boolean;
  savedSettings(): IntegrationSettings | undefined;
  saveSettings(settings: IntegrationSettings, by: string): Promise<void>;
  /** A tenant id or a domain → the tenant id; throws an AppError with a user message. */
  resolveTenant(input: string): Promise<string>;
  sealSecret(secret: string): Sealed;
  /** Where alerts can go: the conversations the bot is installed in. */
  alertDestinations(): { id: string; label: string }[];
}

export type IntegrationsOutcome =
  { kind: 'chosen'; draft: SetupDraft } | { kind: 'refused'; missing: IntegrationId[] };

export type ConfigurationOutcome =
  { kind: 'configured'; draft: SetupDraft } | { kind: 'invalid'; problems: ConfigurationProblem[] };

/** What a successful sign-in reports about the account. */
export interface SignedIn {
  account: Omit<AuthorizedAccount, 'authorizedAt' | 'grantedScopes'>;
  grantedScopes: string[];
  partnerTenantName?: string;
}

export class SetupCases {
  constructor(
    private readonly ports: SetupCasesPorts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start({ conversationId }: { conversationId: string }): { draft: SetupDraft; saved: boolean } {
    const saved = this.ports.savedSettings();
    return { draft: draftFrom(saved, conversationId, this.ports.productAppAvailable), saved: Boolean(saved) };
  }

  /** Unknown ids are dropped, the rest kept in the catalogue's order; a required one missing refuses the step. */
  chooseIntegrations({
    draft,
    chosen,
  }: {
    draft: SetupDraft;
    chosen: readonly string[];
  }): IntegrationsOutcome {
    const ids = chosen.map((id) => id.trim());
    const missing = INTEGRATIONS.filter((item) => item.required && !ids.includes(item.id)).map(
      (item) => item.id,
    );
    if (missing.length > 0) return { kind: 'refused', missing };
    return {
      kind: 'chosen',
      draft: { ...draft, integrations: INTEGRATION_IDS.filter((id) => ids.includes(id)) },
    };
  }

  /** Checks every answer at once, seals a typed secret, and resolves a new partner tenant. */
  async configure({
    draft,
    answers,
  }: {
    draft: SetupDraft;
    answers: ConfigurationAnswers;
  }): Promise<ConfigurationOutcome> {
    const { draft: next, problems } = readConfiguration(answers, draft, {
      productAppAvailable: this.ports.productAppAvailable,
      destinations: this.ports.alertDestinations(),
      sealSecret: (secret) => this.ports.sealSecret(secret),
    });
    if (!problems.some((problem) => problem.field === 'partnerTenant') && !next.partnerTenantId) {
      try {
        next.partnerTenantId = await this.ports.resolveTenant(next.partnerTenantInput);
      } catch (error) {
        if (!isAppError(error)) throw error;
        problems.push({ field: 'partnerTenant', code: 'unresolved', error });
      }
    }
    return problems.length === 0 ? { kind: 'configured', draft: next } : { kind: 'invalid', problems };
  }

  signedIn({
    draft,
    account,
    grantedScopes,
    partnerTenantName,
  }: { draft: SetupDraft } & SignedIn): SetupDraft {
    return {
      ...draft,
      authorizedAccount: { ...account, authorizedAt: this.now().toISOString() },
      grantedScopes,
      // A sign-in that could not read the name keeps the one read before for the same tenant.
      partnerTenantName: partnerTenantName ?? draft.partnerTenantName,
    };
  }

  /** Saves the draft whole; `unnamed` labels a destination the bot no longer lists. */
  async finish({
    draft,
    by,
    unnamed,
  }: {
    draft: SetupDraft;
    by: string;
    unnamed: string;
  }): Promise<IntegrationSettings> {
    const label =
      this.ports.alertDestinations().find((destination) => destination.id === draft.alertConversationId)
        ?.label ?? unnamed;
    const settings = settingsFrom(draft, label, by, this.now());
    await this.ports.saveSettings(settings, by);
    return settings;
  }
}
