// Every value a card submit can carry in data.action, as one typed union.

export const COMMAND_NAMES = [
  'help',
  'status',
  'setup',
  'map',
  'mappings',
  'organizations',
  'sync',
  'consent',
  'approvals',
  'troubleshoot',
  'signout',
  'alerts',
  'conflicts',
  'cancel',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const SETUP_STEPS = ['integrations', 'configuration', 'permissions', 'authorize', 'summary'] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];

export const SETUP_NAVIGATION = ['setup.next', 'setup.back', 'setup.cancel', 'setup.retry'] as const;
export type SetupNavigation = (typeof SETUP_NAVIGATION)[number];

/**
 * The revision of the data a card was drawn at. A submit that carries none, or a malformed one, reads as
 * undefined: every change refuses it as stale, since nothing proves the card is current.
 */
export type CardRevision = number | undefined;

/**
 * Mapping and organization buttons: stateless, each carries the revision of the data it showed. Fields a
 * card's inputs fill in (a picked customer, a typed name) are optional: they arrive beside the button's data.
 */
export type MappingAction =
  | { action: 'map.open'; organizationId?: string }
  | { action: 'map.save'; revision: CardRevision; organizationId?: string; customerTenantId?: string }
  | { action: 'map.remap'; revision: CardRevision; organizationId: string; customerTenantId: string }
  | { action: 'map.unmap'; revision: CardRevision; organizationId: string }
  /** A conflict alert's fix: the organization's customers, each with "Keep this one" (map.keep). */
  | { action: 'map.fixConflict'; organizationId: string }
  | { action: 'map.keep'; revision: CardRevision; organizationId: string; customerTenantId: string }
  | { action: 'map.find'; revision: CardRevision; organizationId?: string; customerQuery?: string }
  | { action: 'map.previewAll'; revision: CardRevision }
  | { action: 'map.applyAll'; revision: CardRevision; syncedAt: string }
  | { action: 'mappings.show'; filter?: string; name?: string; page?: number }
  | { action: 'orgs.show'; page?: number }
  | { action: 'orgs.add'; revision: CardRevision; name?: string; externalId?: string; domain?: string }
  /** The new name comes from the row's own input (`name-<organizationId>`), read into `name`. */
  | { action: 'orgs.rename'; revision: CardRevision; organizationId: string; name?: string }
  | { action: 'orgs.remove'; revision: CardRevision; organizationId: string }
  | { action: 'import.apply'; previewId: string }
  | { action: 'import.cancel'; previewId: string };

/** Delegated access: one client, the overview, its steps, consent-all and the approvals list. */
export type ConsentAction =
  | { action: 'consent.open'; organizationId: string }
  | { action: 'consent.list'; verdict?: string; page?: number }
  | { action: 'consent.step'; organizationId: string; step: string; stateKey: string }
  | { action: 'consent.previewAll' }
  /** Each preview card offers one run, under its own id. */
  | { action: 'consent.runAll'; runId: string }
  /** Takes back up a consent-all run that a restart cut off. */
  | { action: 'consent.resume'; runId: string }
  | { action: 'consent.approvals'; page?: number }
  /** Reminder texts for the named waiting requests; `drawnAt` tells a second press from the first. */
  | { action: 'consent.remind'; relationshipIds: string[]; drawnAt: string };

/** Alert settings for the conversation the card is in; `on` is missing from a malformed submit. */
export type AlertAction = { action: 'alerts.set'; on: boolean | undefined };

/** Wizard buttons; the card's inputs arrive beside these fields, and the wizard's step reads them. */
export type SetupAction = {
  [Name in SetupNavigation]: { action: Name; wizardId: string; step: SetupStepId };
}[SetupNavigation];

/** Runs the troubleshooting checks, for one client when it names one (or the card's picker does). */
export type TroubleshootAction = { action: 'troubleshoot.run'; organizationId?: string };

export type CardAction =
  | { action: 'runCommand'; command: CommandName }
  | AlertAction
  | SetupAction
  | MappingAction
  | ConsentAction
  | TroubleshootAction;

export type CardActionName = CardAction['action'];
/** The one member of the union named `name`. */
export type CardActionOf<Name extends CardActionName> = Extract<CardAction, { action: Name }>;

export interface CommandButton {
  title: string;
  command: CommandName;
}
