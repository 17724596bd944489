// Every value a card submit can carry in data.action, as one typed union.

export const COMMAND_NAMES = ['help', 'status', 'cancel'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type CardAction = { action: 'runCommand'; command: CommandName };

export type CardActionName = CardAction['action'];

export interface CommandButton {
  title: string;
  command: CommandName;
}
