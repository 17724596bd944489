// What the real renderer knows about each type: the schema version it arrived in and its properties.
import type { SerializableObject, Version } from 'adaptivecards';
import { loadAdaptiveCards } from './adaptiveCardsRenderer.js';
import { CHILD_SLOTS, type NodeRole } from './cardTree.js';

export type JsonKind = 'string' | 'boolean' | 'number' | 'any';

export interface TypeInfo {
  /** Schema version that introduced the type. */
  since: Version;
  properties: Map<string, JsonKind>;
}

// Modelled apart from the renderer's classes: Teams' `msteams` (width, mentions) and dynamic type-ahead
// query, and the object form of Action.ToggleVisibility targets.
const EXTRA_PROPERTIES: Record<string, string[]> = {
  AdaptiveCard: ['msteams'],
  'Data.Query': ['type', 'dataset', 'count', 'skip', 'associatedInputs'],
  TargetElement: ['type', 'elementId', 'isVisible'],
};

const cache = new Map<string, TypeInfo | undefined>();

/** `undefined` when the renderer has no such element or action at any version. */
export function typeInfo(role: NodeRole, typeName: string): TypeInfo | undefined {
  const key = `${role}:${typeName}`;
  if (!cache.has(key)) cache.set(key, lookUp(role, typeName));
  return cache.get(key);
}

function lookUp(role: NodeRole, typeName: string): TypeInfo | undefined {
  const AC = loadAdaptiveCards();
  let since = AC.Versions.v1_0;
  let instance: SerializableObject | undefined;
  if (role === 'element' || role === 'action') {
    const registry = role === 'element' ? AC.GlobalRegistry.elements : AC.GlobalRegistry.actions;
    const registration = registry.findByName(typeName);
    if (!registration) return undefined;
    since = registration.schemaVersion;
    instance = new registration.objectType();
  } else {
    const classes: Partial<Record<string, new () => SerializableObject>> = {
      AdaptiveCard: AC.AdaptiveCard,
      Column: AC.Column,
      Fact: AC.Fact,
      'Input.Choice': AC.Choice,
      MediaSource: AC.MediaSource,
      TextRun: AC.TextRun,
      TableColumnDefinition: AC.TableColumnDefinition,
      TableRow: AC.TableRow,
      TableCell: AC.TableCell,
      BackgroundImage: AC.BackgroundImage,
    };
    const Class = classes[typeName];
    instance = Class ? new Class() : undefined;
  }
  const properties = new Map<string, JsonKind>();
  if (instance) {
    const schema = instance.getSchema();
    for (let i = 0; i < schema.getCount(); i++) {
      const property = schema.getItemAt(i);
      const kind: JsonKind =
        property instanceof AC.StringProperty
          ? 'string'
          : property instanceof AC.BoolProperty
            ? 'boolean'
            : property instanceof AC.NumProperty
              ? 'number'
              : 'any';
      properties.set(property.name, kind);
    }
  }
  // Collections and fallback are parsed by hand in the renderer, so they are not in its property lists.
  const handParsed = [...Object.keys(CHILD_SLOTS[typeName] ?? {}), ...(instance ? ['fallback'] : [])];
  for (const name of [...handParsed, ...(EXTRA_PROPERTIES[typeName] ?? [])]) {
    if (!properties.has(name)) properties.set(name, 'any');
  }
  return { since, properties };
}
