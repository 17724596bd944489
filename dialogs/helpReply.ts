// The help card for a user: the commands they can use, and a hint when they typed something unknown.
import type { CardAttachment } from '../cards/cardAttachment.js';
import { helpCard } from '../cards/helpCard.js';
import { COMMANDS } from './commands.js';

const INTRO =
  'I set up Microsoft CSP for your MSP, map your clients to their customer tenants and keep delegated access working. Type a command or use a button.';

// The plain card depends only on the role; building it once keeps `help` as cheap as an echo.
const plain = new Map<boolean, CardAttachment>();

export function helpReply(
  isAdmin: boolean,
  unknown?: { typed: string; suggestion?: string },
): CardAttachment {
  if (!unknown) {
    let card = plain.get(isAdmin);
    if (!card) plain.set(isAdmin, (card = buildHelp(isAdmin, INTRO)));
    return card;
  }
  const intro = `I don't know "${unknown.typed.slice(0, 60)}". Here is what I can do:`;
  return buildHelp(
    isAdmin,
    intro,
    unknown.suggestion ? `Did you mean **${unknown.suggestion}**?` : undefined,
  );
}

function buildHelp(isAdmin: boolean, intro: string, suggestion?: string): CardAttachment {
  return helpCard({
    title: 'CSP Integration Bot',
    intro,
    suggestion,
    commands: COMMANDS.map(({ name, description, rights }) => ({
      name,
      description: rights === 'admin' && !isAdmin ? `${description} (administrators only)` : description,
    })),
    buttons: [{ title: 'Status', command: 'status' }],
    footer: isAdmin
      ? 'You are an MSP administrator: you can change settings.'
      : 'You can look at everything; an MSP administrator can make changes.',
  });
}
