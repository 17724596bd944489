// Every value a card submit can carry in data.action, as one typed union.

export const COMMAND_NAMES = ['help', 'status', 'setup', 'signout', 'cancel'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const SETUP_STEPS = ['integrations', 'configuration', 'permissions', 'authorize', 'summary'] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];

export const SETUP_NAVIGATION = ['setup.next', 'setup.back', 'setup.cancel', 'setup.retry'] as const;
export type SetupNavigation = (typeof SETUP_NAVIGATION)[number];

export type CardAction =
  | { action: 'runCommand'; command: CommandName }
  /** Wizard buttons; the card's inputs arrive beside these fields. */
  | { action: SetupNavigation; wizardId: string; step: SetupStepId };

export type CardActionName = CardAction['action'];

export interface CommandButton {
  title: string;
  command: CommandName | 'map';
}
