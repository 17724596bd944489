// Walks an expanded Adaptive Card's JSON and names every typed node in it, with its path.

export type JsonObject = Record<string, unknown>;

/** Where a node sits decides what it is: an item in `body` is an element, in `choices` a choice. */
export type NodeRole =
  | 'card'
  | 'element'
  | 'action'
  | 'column'
  | 'fact'
  | 'choice'
  | 'dataQuery'
  | 'mediaSource'
  | 'inline'
  | 'tableColumn'
  | 'tableRow'
  | 'tableCell'
  | 'backgroundImage'
  | 'targetElement';

export interface CardNode {
  node: JsonObject;
  role: NodeRole;
  /** The schema type: `type` for elements and actions, implied by the role for the rest. */
  typeName: string;
  /** The property the node came from (`body`, `selectAction`, …); empty for the root card. */
  slot: string;
  path: string;
}

const IMPLIED_TYPE: Record<Exclude<NodeRole, 'element' | 'action'>, string> = {
  card: 'AdaptiveCard',
  column: 'Column',
  fact: 'Fact',
  choice: 'Input.Choice',
  dataQuery: 'Data.Query',
  mediaSource: 'MediaSource',
  inline: 'TextRun',
  tableColumn: 'TableColumnDefinition',
  tableRow: 'TableRow',
  tableCell: 'TableCell',
  backgroundImage: 'BackgroundImage',
  targetElement: 'TargetElement',
};

/** The properties that hold further nodes, per schema type (from the Adaptive Cards 1.5 schema). */
export const CHILD_SLOTS: Record<string, Record<string, NodeRole>> = {
  AdaptiveCard: { body: 'element', actions: 'action' },
  Container: { items: 'element' },
  Column: { items: 'element' },
  TableCell: { items: 'element' },
  ColumnSet: { columns: 'column' },
  FactSet: { facts: 'fact' },
  ImageSet: { images: 'element' },
  ActionSet: { actions: 'action' },
  'Input.ChoiceSet': { choices: 'choice', 'choices.data': 'dataQuery' },
  'Input.Text': { inlineAction: 'action' },
  Media: { sources: 'mediaSource' },
  RichTextBlock: { inlines: 'inline' },
  Table: { columns: 'tableColumn', rows: 'tableRow' },
  TableRow: { cells: 'tableCell' },
  'Action.ShowCard': { card: 'card' },
  'Action.ToggleVisibility': { targetElements: 'targetElement' },
};

/** Slots any element, column, cell or card may have; `fallback` keeps the role of its owner. */
export const COMMON_SLOTS: Record<string, NodeRole> = {
  selectAction: 'action',
  backgroundImage: 'backgroundImage',
};

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeNameOf(node: JsonObject, role: NodeRole): string {
  if (role === 'element' || role === 'action') return typeof node.type === 'string' ? node.type : '';
  return IMPLIED_TYPE[role];
}

export function walkCard(card: JsonObject, visit: (entry: CardNode) => void): void {
  const walk = (node: JsonObject, role: NodeRole, slot: string, path: string): void => {
    const typeName = typeNameOf(node, role);
    visit({ node, role, typeName, slot, path });
    const slots = { ...COMMON_SLOTS, ...CHILD_SLOTS[typeName] };
    for (const [slot, childRole] of Object.entries(slots)) {
      const value = node[slot];
      if (Array.isArray(value)) {
        // Plain strings are allowed here (TextRun shorthand, element ids); they hold no nodes.
        value.forEach((child, i) => {
          if (isJsonObject(child)) walk(child, childRole, slot, `${path}.${slot}[${i}]`);
        });
      } else if (isJsonObject(value)) {
        walk(value, childRole, slot, `${path}.${slot}`);
      }
    }
    if (isJsonObject(node.fallback)) walk(node.fallback, role, 'fallback', `${path}.fallback`);
  };
  walk(card, 'card', '', '$');
}

/** Every string in the card, property names included, with its path: free-form `data` too. */
export function walkStrings(
  value: unknown,
  visit: (text: string, path: string, isName: boolean) => void,
  path = '$',
): void {
  if (typeof value === 'string') {
    visit(value, path, false);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walkStrings(item, visit, `${path}[${i}]`));
  } else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      visit(key, `${path}.${key}`, true);
      walkStrings(item, visit, `${path}.${key}`);
    }
  }
}
