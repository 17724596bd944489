// Finds text Teams would swallow: its markdown treats `<word …>` as an HTML tag and shows nothing in its place.
import { isJsonObject, walkCard, type JsonObject } from './cardTree.js';
import type { CardProblem } from './validateTeamsCard.js';

// A tag as Teams sees one: `<`, a letter or `/`, then anything up to `>`. "a < b" and "<3" stay.
const TAG = /<\/?[A-Za-z][^<>]*>/;

/** The texts of `card` Teams renders through markdown that hold something it would drop as a tag. */
export function droppedMarkup(card: JsonObject): CardProblem[] {
  const problems: CardProblem[] = [];
  const check = (text: unknown, path: string) => {
    const tag = typeof text === 'string' ? TAG.exec(text) : null;
    if (tag) {
      problems.push({
        path,
        message: `Teams drops "${tag[0]}" as an HTML tag in "${text as string}": reword it`,
      });
    }
  };
  walkCard(card, ({ node, typeName, path }) => {
    if (typeName === 'TextBlock' || typeName === 'TextRun') check(node.text, `${path}.text`);
    if (typeName === 'Fact') {
      check(node.title, `${path}.title`);
      check(node.value, `${path}.value`);
    }
    // A RichTextBlock may hold plain strings as its inlines; the tree walk skips those.
    if (typeName === 'RichTextBlock' && Array.isArray(node.inlines)) {
      node.inlines.forEach((inline, i) => {
        if (!isJsonObject(inline)) check(inline, `${path}.inlines[${i}]`);
      });
    }
  });
  return problems;
}
