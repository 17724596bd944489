// Tests the help card's layout: each command name fits its column on one line.
import assert from 'node:assert/strict';
import { COMMANDS } from '../../../dialogs/commands.js';
import { helpReply } from '../../../dialogs/helpReply.js';

// Measured in the card renderer: bold 14 px text is at most about 7 px a character ("organizations" is 91 px).
const BOLD_CHARACTER_PX = 7.5;

describe('help card', () => {
  it('gives the command column room for the longest command name, so none wraps', () => {
    const card = helpReply(true).content as { body: { type: string; columns?: { width: string }[] }[] };
    const widths = card.body
      .filter((element) => element.type === 'ColumnSet')
      .map((row) => Number.parseInt(row.columns![0].width, 10));
    assert.equal(widths.length, COMMANDS.length);
    const longest = Math.max(...COMMANDS.map((command) => command.name.length));
    for (const width of widths) assert.ok(width >= longest * BOLD_CHARACTER_PX, `${width}px is too narrow`);
  });
});
