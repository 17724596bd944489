// Tests the sample registry: every template has a sample, so a new card cannot skip the schema check.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../../cards/cardAttachment.js';
import { CARD_SAMPLES } from '../../cards/samples/cardSamples.js';

const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'cards', 'templates');
const templates = readdirSync(TEMPLATES_DIR).filter((file) => file.endsWith('.json'));

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `card` can come out of `template`: literals kept, `${…}` anything, `$data` repeated, `$when` dropped. */
function expands(template: unknown, card: unknown): boolean {
  if (typeof template === 'string') return template.includes('${') || template === card;
  if (Array.isArray(template)) return Array.isArray(card) && expandsList(template, card);
  if (!isObject(template)) return template === card;
  if (!isObject(card)) return false;
  const keys = Object.keys(template).filter((key) => key !== '$data' && key !== '$when');
  return (
    keys.length === Object.keys(card).length &&
    keys.every((key) => key in card && expands(template[key], card[key]))
  );
}

function expandsList(items: unknown[], values: unknown[]): boolean {
  const memo = new Map<string, boolean>();
  const from = (i: number, j: number): boolean => {
    if (i === items.length) return j === values.length;
    const key = `${i},${j}`;
    if (!memo.has(key)) {
      const item = items[i];
      const repeats = isObject(item) && '$data' in item;
      let result = (repeats || (isObject(item) && '$when' in item)) && from(i + 1, j);
      for (let k = j; !result && k < values.length && expands(item, values[k]); k++) {
        result = from(i + 1, k + 1);
        if (!repeats) break;
      }
      memo.set(key, result);
    }
    return memo.get(key)!;
  };
  return from(0, 0);
}

describe('card samples', () => {
  it('has a sample for every template in cards/templates', () => {
    const covered = new Set(CARD_SAMPLES.map((sample) => sample.template));
    const missing = templates.filter((file) => !covered.has(file));
    assert.deepEqual(
      missing,
      [],
      `add an entry to CARD_SAMPLES in test/cards/samples/cardSamples.ts for: ${missing.join(', ')}`,
    );
  });

  it('names only templates that exist', () => {
    const unknown = CARD_SAMPLES.filter((sample) => !templates.includes(sample.template));
    assert.deepEqual(
      unknown.map((sample) => `${sample.name} → ${sample.template}`),
      [],
    );
  });

  it('builds each sample from the template it names', () => {
    const mismatched = CARD_SAMPLES.filter((sample) => {
      const template: unknown = JSON.parse(readFileSync(join(TEMPLATES_DIR, sample.template), 'utf8'));
      return !expands(template, sample.build().content);
    });
    assert.deepEqual(
      mismatched.map((sample) => `${sample.name} is not built from ${sample.template}`),
      [],
    );
  });

  it('gives each sample a unique kebab-case name, since it names a picture file', () => {
    const names = CARD_SAMPLES.map((sample) => sample.name);
    assert.deepEqual(
      names.filter((name) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)),
      [],
    );
    assert.equal(new Set(names).size, names.length, `duplicate names in ${names.join(', ')}`);
  });

  it('builds each sample into an Adaptive Card attachment', () => {
    for (const sample of CARD_SAMPLES) {
      const attachment = sample.build();
      assert.equal(attachment.contentType, ADAPTIVE_CARD_CONTENT_TYPE, sample.name);
      assert.equal(attachment.content.type, 'AdaptiveCard', sample.name);
    }
  });
});
