// Tests that every sample card is one Teams renders (Adaptive Cards 1.5) and that the check catches what Teams would not.
import assert from 'node:assert/strict';
import { CARD_SAMPLES } from '../../cards/samples/cardSamples.js';
import { validateTeamsCard, type CardProblem } from '../../cards/render/validateTeamsCard.js';

type Card = Record<string, unknown> & { body: Record<string, unknown>[]; actions: Record<string, unknown>[] };

function validCard(): Card {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Map Müller Bäckerei GmbH', weight: 'Bolder', wrap: true },
      {
        type: 'Input.ChoiceSet',
        id: 'customerId',
        label: 'CSP customer',
        choices: [{ title: 'Müller Bäckerei GmbH (muellerbaeckerei.de)', value: 'c1a2b3' }],
      },
    ],
    actions: [{ type: 'Action.Submit', title: 'Map', data: { action: 'mapClient' } }],
  };
}

function problemsOf(card: unknown): string[] {
  return validateTeamsCard(card).map(({ path, message }: CardProblem) => `${path}: ${message}`);
}

function assertProblem(card: unknown, pattern: RegExp): void {
  const problems = problemsOf(card);
  assert.ok(
    problems.some((problem) => pattern.test(problem)),
    `expected a problem matching ${pattern}, got:\n${problems.join('\n') || '(none)'}`,
  );
}

describe('Teams card schema (Adaptive Cards 1.5)', () => {
  for (const sample of CARD_SAMPLES) {
    it(`accepts the "${sample.name}" sample (${sample.template})`, () => {
      assert.deepEqual(problemsOf(sample.build().content), []);
    });
  }

  describe('the check itself', () => {
    it('accepts a plain valid card', () => {
      assert.deepEqual(problemsOf(validCard()), []);
    });

    it('accepts a 1.5 Table and a Teams type-ahead drop-down with no static choices', () => {
      const card = validCard();
      card.body.push(
        {
          type: 'Table',
          columns: [{ width: 2 }, { width: 1 }],
          rows: [
            {
              type: 'TableRow',
              cells: [
                { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Müller Bäckerei GmbH' }] },
                { type: 'TableCell', items: [{ type: 'TextBlock', text: 'active' }] },
              ],
            },
          ],
        },
        {
          type: 'Input.ChoiceSet',
          id: 'organization',
          label: 'Organization',
          choices: [],
          'choices.data': { type: 'Data.Query', dataset: 'organizations' },
        },
      );
      assert.deepEqual(problemsOf(card), []);
    });

    it('rejects a card version newer than 1.5', () => {
      assertProblem(
        { ...validCard(), version: '1.6' },
        /\$\.version: version 1\.6 is newer than Teams renders/,
      );
    });

    it('rejects a top-level card without a version', () => {
      const { version: _version, ...card } = validCard();
      assertProblem(card, /\$\.version: version must be a string/);
    });

    it('rejects an element that only Adaptive Cards 1.6 has', () => {
      const card = validCard();
      card.body.push({ type: 'Carousel', pages: [] });
      assertProblem(card, /\$\.body\[2\]: Carousel needs Adaptive Cards 1\.6/);
    });

    it('rejects a property that only Adaptive Cards 1.6 has', () => {
      const card = validCard();
      card.body[1].labelPosition = 'inline';
      assertProblem(card, /Property "labelPosition" is supported in version 1\.6/);
    });

    it('rejects an unknown element and an unknown action', () => {
      const card = validCard();
      card.body.push({ type: 'Icon', name: 'Calendar' });
      card.actions.push({ type: 'Action.Popover', title: 'More' });
      assertProblem(card, /\$\.body\[2\]: unknown element type "Icon"/);
      assertProblem(card, /\$\.actions\[1\]: unknown action type "Action\.Popover"/);
    });

    it('rejects a misspelt property and a value of the wrong JSON type', () => {
      const card = validCard();
      card.body[0].wieght = 'Bolder';
      card.body[0].wrap = 'true';
      assertProblem(card, /\$\.body\[0\]\.wieght: unknown property "wieght" on TextBlock/);
      assertProblem(card, /\$\.body\[0\]\.wrap: TextBlock\.wrap must be a boolean/);
    });

    it('rejects a missing required property', () => {
      const card = validCard();
      card.body.push({ type: 'TextBlock', wrap: true }, { type: 'FactSet' });
      assertProblem(card, /\$\.body\[2\]: TextBlock needs "text"/);
      assertProblem(card, /\$\.body\[3\]: FactSet needs "facts"/);
    });

    it('rejects a choice without a value', () => {
      const card = validCard();
      card.body[1].choices = [{ title: 'Müller Bäckerei GmbH' }];
      assertProblem(card, /All choices in an Input\.ChoiceSet must have their title and value/);
    });

    it('rejects a submit without a string data.action', () => {
      const card = validCard();
      card.actions.push(
        { type: 'Action.Submit', title: 'Cancel', data: { command: 'cancel' } },
        { type: 'Action.Submit', title: 'Retry', data: { action: 3 } },
        { type: 'Action.Submit', title: 'Back' },
      );
      for (const index of [1, 2, 3]) {
        assertProblem(
          card,
          new RegExp(`\\$\\.actions\\[${index}\\]\\.data: Action\\.Submit must carry data\\.action`),
        );
      }
    });

    it('rejects duplicate input ids, also across a ShowCard', () => {
      const card = validCard();
      card.actions.push({
        type: 'Action.ShowCard',
        title: 'More',
        card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'customerId', label: 'Customer' }] },
      });
      assertProblem(card, /Duplicate Id "customerId"/);
    });

    it('rejects an unexpanded template expression and a leftover template directive', () => {
      const card = validCard();
      card.body[0].text = 'Map ${organization.name}';
      card.actions[0].$when = '${canMap}';
      assertProblem(card, /\$\.body\[0\]\.text: unexpanded template expression/);
      assertProblem(card, /\$\.actions\[0\]\.\$when: template directive "\$when" left/);
    });

    it('accepts Action.Execute only with an Action.Submit fallback', () => {
      const execute = {
        type: 'Action.Execute',
        title: 'Map',
        verb: 'mapClient',
        data: { action: 'mapClient' },
      };
      const without = validCard();
      without.actions = [execute];
      assertProblem(without, /\$\.actions\[0\]\.fallback: Action\.Execute needs an Action\.Submit fallback/);

      const withFallback = validCard();
      withFallback.actions = [
        { ...execute, fallback: { type: 'Action.Submit', title: 'Map', data: { action: 'mapClient' } } },
      ];
      assert.deepEqual(problemsOf(withFallback), []);
    });

    it('rejects more buttons than Teams shows, and button titles that are empty or too long', () => {
      const card = validCard();
      card.actions = Array.from({ length: 7 }, (_, i) => ({
        type: 'Action.Submit',
        title:
          i === 0 ? 'Map every selected organization to its CSP customer now' : i === 1 ? ' ' : `Option ${i}`,
        data: { action: 'mapClient' },
      }));
      assertProblem(card, /Maximum number of actions exceeded \(6\)/);
      assertProblem(card, /\$\.actions\[0\]\.title: button title of 55 characters/);
      assertProblem(card, /\$\.actions\[1\]\.title: Action\.Submit button without a title/);
    });

    it('rejects an overlong text and an oversized card', () => {
      const card = validCard();
      card.body[0].text = 'x'.repeat(2001);
      assertProblem(card, /\$\.body\[0\]\.text: text of 2001 characters/);
      card.body.push(...Array.from({ length: 20 }, () => ({ type: 'TextBlock', text: 'y'.repeat(1500) })));
      assertProblem(card, /\$: card is \d+ bytes/);
    });

    it('rejects text Teams would drop as an HTML tag, in a TextBlock, a fact and a rich text', () => {
      const card = validCard();
      card.body[0].text = 'Map it (map <name> for suggestions)';
      card.body.push(
        { type: 'FactSet', facts: [{ title: 'Security groups', value: 'GDAP - <role>' }] },
        { type: 'RichTextBlock', inlines: ['see </b>', { type: 'TextRun', text: 'one <br/> two' }] },
      );
      assertProblem(card, /\$\.body\[0\]\.text: Teams drops "<name>"/);
      assertProblem(card, /\$\.body\[2\]\.facts\[0\]\.value: Teams drops "<role>"/);
      assertProblem(card, /\$\.body\[3\]\.inlines\[0\]: Teams drops "<\/b>"/);
      assertProblem(card, /\$\.body\[3\]\.inlines\[1\]\.text: Teams drops "<br\/>"/);
    });

    it('keeps a lone angle bracket, which Teams shows as it is', () => {
      const card = validCard();
      card.body[0].text = 'Fewer than 3 < 5 clients, and 5 > 3';
      assert.deepEqual(problemsOf(card), []);
    });

    it('flags required inputs without a label or error message, as the renderer does', () => {
      const card = validCard();
      card.body.push({ type: 'Input.Text', id: 'clientId', isRequired: true });
      assertProblem(card, /RequiredInputsShouldHaveLabel/);
      assertProblem(card, /RequiredInputsShouldHaveErrorMessage/);
    });
  });
});
