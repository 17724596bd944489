// Checks an expanded card as Teams takes it: schema 1.5, Teams' own rules, and the house rules for submits.
import { loadAdaptiveCards } from './adaptiveCardsRenderer.js';
import { droppedMarkup } from './droppedMarkup.js';
import { isJsonObject, walkCard, walkStrings, type CardNode, type JsonObject } from './cardTree.js';
import { collectRendererEvents, rendererProblems } from './rendererValidation.js';
import { typeInfo } from './rendererSchema.js';

export interface CardProblem {
  path: string;
  message: string;
}

export const TEAMS_CARD_VERSION = { major: 1, minor: 5 };

export const TEXT_LIMITS = {
  /** Teams cuts long button labels short with an ellipsis, first on mobile. */
  buttonTitle: 40,
  anyText: 2000,
  /** Teams rejects bot messages over about 28 KB, card included. */
  cardBytes: 28_000,
};

// The 1.5 schema's required properties that the renderer does not check itself (it checks input ids,
// choice titles and values, Action.OpenUrl's url and Action.ShowCard's card).
const REQUIRED: Record<string, string[]> = {
  TextBlock: ['text'],
  TextRun: ['text'],
  Image: ['url'],
  BackgroundImage: ['url'],
  ImageSet: ['images'],
  Media: ['sources'],
  MediaSource: ['url', 'mimeType'],
  RichTextBlock: ['inlines'],
  FactSet: ['facts'],
  Fact: ['title', 'value'],
  Container: ['items'],
  TableCell: ['items'],
  ActionSet: ['actions'],
  'Input.Toggle': ['title'],
  'Action.ToggleVisibility': ['targetElements'],
  TargetElement: ['elementId'],
  'Data.Query': ['type', 'dataset'],
};

export function validateTeamsCard(card: unknown): CardProblem[] {
  if (!isJsonObject(card)) return [{ path: '$', message: 'a card must be a JSON object' }];
  const problems: CardProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });

  walkCard(card, (entry) => checkNode(entry, report));
  walkStrings(card, (text, path, isName) => {
    if (text.includes('${')) report(path, `unexpanded template expression in "${clip(text)}"`);
    if (isName && text.startsWith('$') && text !== '$schema') {
      report(path, `template directive "${text}" left after expansion`);
    }
    if (text.length > TEXT_LIMITS.anyText)
      report(path, `text of ${text.length} characters (at most ${TEXT_LIMITS.anyText})`);
  });
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > TEXT_LIMITS.cardBytes)
    report('$', `card is ${bytes} bytes (Teams takes about ${TEXT_LIMITS.cardBytes})`);
  problems.push(...droppedMarkup(card));

  problems.push(...rendererProblems(collectRendererEvents(card), card));
  return problems;
}

function checkNode(
  { node, role, typeName, slot, path }: CardNode,
  report: (path: string, message: string) => void,
) {
  if (role === 'card') checkCardHeader(node, path === '$', path, report);

  const info = typeInfo(role, typeName);
  if ((role === 'element' || role === 'action') && !info) {
    report(path, `unknown ${role} type "${typeName}": not part of Adaptive Cards 1.5`);
    return;
  }
  const AC = loadAdaptiveCards();
  if (info && info.since.compareTo(AC.Versions.v1_5) > 0) {
    report(path, `${typeName} needs Adaptive Cards ${info.since.toString()}; Teams renders 1.5 at most`);
    return;
  }

  for (const [name, value] of Object.entries(node)) {
    const kind = info?.properties.get(name);
    if (info && !kind)
      report(`${path}.${name}`, `unknown property "${name}" on ${typeName}: the renderer ignores it`);
    else if (kind && kind !== 'any' && typeof value !== kind) {
      report(`${path}.${name}`, `${typeName}.${name} must be a ${kind}, not ${JSON.stringify(value)}`);
    }
  }
  for (const name of REQUIRED[typeName] ?? []) {
    if (node[name] === undefined || node[name] === null) report(path, `${typeName} needs "${name}"`);
  }

  if (typeName === 'Data.Query' && node.type !== 'Data.Query')
    report(`${path}.type`, 'type must be "Data.Query"');
  if (
    (typeName === 'TextBlock' || typeName === 'TextRun') &&
    typeof node.text === 'string' &&
    !node.text.trim()
  ) {
    report(`${path}.text`, `${typeName} with empty text`);
  }
  if (role === 'action') checkAction(node, typeName, slot, path, report);
}

function checkCardHeader(
  node: JsonObject,
  isRoot: boolean,
  path: string,
  report: (p: string, m: string) => void,
) {
  if (node.type !== 'AdaptiveCard') report(`${path}.type`, 'type must be "AdaptiveCard"');
  // Cards inside Action.ShowCard may leave the version out; the top-level card must say it.
  if (node.version === undefined && !isRoot) return;
  const match = typeof node.version === 'string' ? /^(\d+)\.(\d+)$/.exec(node.version) : null;
  if (!match) {
    report(`${path}.version`, `version must be a string like "1.5", not ${JSON.stringify(node.version)}`);
  } else if (
    Number(match[1]) > TEAMS_CARD_VERSION.major ||
    (Number(match[1]) === TEAMS_CARD_VERSION.major && Number(match[2]) > TEAMS_CARD_VERSION.minor)
  ) {
    report(`${path}.version`, `version ${node.version} is newer than Teams renders (1.5)`);
  }
}

function checkAction(
  node: JsonObject,
  typeName: string,
  slot: string,
  path: string,
  report: (p: string, m: string) => void,
) {
  // A selectAction or an inline action shows no label; every button (or its fallback) does.
  if (slot === 'actions' || slot === 'fallback') {
    const title = typeof node.title === 'string' ? node.title.trim() : '';
    if (!title) report(`${path}.title`, `${typeName} button without a title`);
    if (title.length > TEXT_LIMITS.buttonTitle) {
      report(
        `${path}.title`,
        `button title of ${title.length} characters (at most ${TEXT_LIMITS.buttonTitle})`,
      );
    }
  }
  if (typeName === 'Action.Submit' || typeName === 'Action.Execute') {
    const action = isJsonObject(node.data) ? node.data.action : undefined;
    if (typeof action !== 'string' || !action) {
      report(
        `${path}.data`,
        `${typeName} must carry data.action (a CardAction name) so dialogs can switch on it`,
      );
    }
  }
  // Teams mobile and older clients do not know Action.Execute; they fall back to a plain submit.
  if (
    typeName === 'Action.Execute' &&
    !(isJsonObject(node.fallback) && node.fallback.type === 'Action.Submit')
  ) {
    report(`${path}.fallback`, 'Action.Execute needs an Action.Submit fallback');
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
