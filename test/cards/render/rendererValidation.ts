// Runs the real renderer's parser and validator on a card: Adaptive Cards 1.5, Teams host config.
import type { SerializableObject } from 'adaptivecards';
import { loadAdaptiveCards, teamsHostConfig } from './adaptiveCardsRenderer.js';
import { isJsonObject, walkCard, type JsonObject } from './cardTree.js';
import type { CardProblem } from './validateTeamsCard.js';

/** A parse or validation event as the renderer reports it, in Node or in the browser page. */
export interface RendererEvent {
  event: string;
  message: string;
  sourceType?: string;
  sourceId?: string;
}

// Reported by the Teams rules with a JSON path, which says more than the renderer's message.
const REPORTED_ELSEWHERE = new Set(['UnknownElementType', 'UnknownActionType', 'UnsupportedCardVersion']);

/** Teams reads `choices.data` (dynamic type-ahead) in 1.5 cards; the renderer dates it 1.6, so it gets a copy without. */
export function rendererInput(card: JsonObject): JsonObject {
  const copy = structuredClone(card);
  walkCard(copy, ({ node, typeName }) => {
    if (typeName === 'Input.ChoiceSet') delete node['choices.data'];
  });
  return copy;
}

export function collectRendererEvents(card: JsonObject): RendererEvent[] {
  const AC = loadAdaptiveCards();
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(teamsHostConfig());
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptiveCard.parse(rendererInput(card), context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...adaptiveCard.validateProperties().validationEvents);
  return events.map(({ event, message, source }) => ({
    event: AC.ValidationEvent[event],
    message,
    ...describeSource(source),
  }));
}

function describeSource(
  source: SerializableObject | undefined,
): Pick<RendererEvent, 'sourceType' | 'sourceId'> {
  const AC = loadAdaptiveCards();
  if (!(source instanceof AC.CardObject)) return {};
  return { sourceType: source.getJsonTypeName(), sourceId: source.id };
}

export function rendererProblems(events: RendererEvent[], card: JsonObject): CardProblem[] {
  const typeAheadIds = new Set<string>();
  walkCard(card, ({ node, typeName }) => {
    if (typeName === 'Input.ChoiceSet' && isJsonObject(node['choices.data']) && typeof node.id === 'string') {
      typeAheadIds.add(node.id);
    }
  });
  return events
    .filter(({ event }) => !REPORTED_ELSEWHERE.has(event))
    .filter(
      // A type-ahead drop-down may start with no static choices: Teams fetches them as the user types.
      ({ event, sourceType, sourceId }) =>
        !(
          event === 'CollectionCantBeEmpty' &&
          sourceType === 'Input.ChoiceSet' &&
          typeAheadIds.has(sourceId ?? '')
        ),
    )
    .map(({ event, message, sourceType, sourceId }) => ({
      path: sourceType ? `${sourceType}${sourceId ? ` "${sourceId}"` : ''}` : '$',
      message: `renderer ${event}: ${message}`,
    }));
}
