// Tests the sample registry: every template has a sample, so a new card cannot skip the schema check.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../../cards/cardAttachment.js';
import { CARD_SAMPLES } from '../../../cards/samples/cardSamples.js';

const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'cards', 'templates');
const templates = readdirSync(TEMPLATES_DIR).filter((file) => file.endsWith('.json'));

describe('card samples', () => {
  it('has a sample for every template in cards/templates', () => {
    const covered = new Set(CARD_SAMPLES.map((sample) => sample.template));
    const missing = templates.filter((file) => !covered.has(file));
    assert.deepEqual(
      missing,
      [],
      `add an entry to CARD_SAMPLES in cards/samples/cardSamples.ts for: ${missing.join(', ')}`,
    );
  });

  it('names only templates that exist', () => {
    const unknown = CARD_SAMPLES.filter((sample) => !templates.includes(sample.template));
    assert.deepEqual(
      unknown.map((sample) => `${sample.name} → ${sample.template}`),
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
