// Name normalization rules: folding, legal forms at either end, domains, spellings and small edit distances.
import assert from 'node:assert/strict';
import {
  domainLabel,
  looksLikeDomain,
  normalizeDomain,
  onMicrosoftPrefix,
} from '../../../../services/text/domainName.js';
import { editDistance, prefixWithinOneEdit, withinOneEdit } from '../../../../services/text/editDistance.js';
import { foldText, tokenize } from '../../../../services/text/foldText.js';
import { nameKey, nameSpellings, normalizeName } from '../../../../services/text/normalizeName.js';

describe('Name normalization', () => {
  it('folds case, accents and letters that have no accent to strip', () => {
    assert.equal(foldText('Zürcher Straße'), 'zurcher strasse');
    assert.equal(foldText('ŁÓDŹ Øresund Æther Œuvre'), 'lodz oresund aether oeuvre');
    assert.equal(foldText('Çelik İnşaat'), 'celik insaat');
    assert.equal(foldText('Αθηνά ΟΔΥΣΣΕΑΣ'), 'αθηνα οδυσσεασ', 'Greek tonos and final sigma fold');
    assert.equal(foldText('Ёлка'), 'елка');
  });

  it('folds the capitals of letters that do not decompose, and the Catalan l·l as one word', () => {
    assert.equal(foldText('STRAẞE ĐURĐEVAC ÞÓR ĦAMRUN İSTANBUL'), 'strasse durdevac thor hamrun istanbul');
    assert.equal(foldText('Col·legi Sant Ŀluís'), 'collegi sant lluis');
  });

  it('folds punctuation and white space, joins apostrophes and spells & as "and"', () => {
    assert.equal(foldText("  O'Brien  &  Murphy -- Solicitors,\tLLP "), 'obrien and murphy solicitors llp');
    assert.equal(foldText('ＦＵＬＬ－ＷＩＤＴＨ'), 'full width', 'full-width letters become ASCII');
  });

  it('keeps kana voicing marks and splits CJK runs from Latin words', () => {
    assert.equal(foldText('ガギグ'), 'ガギグ');
    assert.deepEqual(tokenize(foldText('Tanaka株式会社 Holdings')), ['tanaka', '株式会社', 'holdings']);
  });

  it('removes legal forms at the end, however they are punctuated', () => {
    const cores = [
      'Müller Bäckerei GmbH',
      'Muller Backerei AG',
      'MÜLLER-BÄCKEREI LTD.',
      'Muller Backerei Limited',
      'Muller Backerei LLC',
      'Muller Backerei, Inc.',
      'Muller Backerei Corp.',
      'Muller Backerei Co.',
      'Muller Backerei S.A.',
      'Muller Backerei SAS',
      'Muller Backerei SARL',
      'Muller Backerei B.V.',
      'Muller Backerei N.V.',
      'Muller Backerei Pty Ltd',
      'Muller Backerei K.K.',
      'Muller Backerei Oy',
      'Muller Backerei AB',
      'Muller Backerei A/S',
      'Muller Backerei ApS',
      'Muller Backerei S.p.A.',
      'Muller Backerei S.r.l.',
      'Muller Backerei plc',
      'Muller Backerei LLP',
      'Muller Backerei Sp. z o.o.',
      'Muller Backerei GmbH & Co. KG',
      'Muller Backerei & Co.',
    ].map((name) => normalizeName(name).core.join(' '));
    assert.deepEqual([...new Set(cores)], ['muller backerei']);
  });

  it('removes legal forms in front and glued to CJK names', () => {
    assert.equal(nameKey('株式会社さくら電機'), 'さくら電機');
    assert.equal(nameKey('トヨタ自動車株式会社'), 'トヨタ自動車');
    assert.equal(nameKey('㈱トヨタ自動車'), 'トヨタ自動車');
    assert.equal(nameKey('北京华为技术有限公司'), '北京华为技术');
    assert.equal(nameKey('삼성전자 주식회사'), '삼성전자');
    assert.equal(nameKey('ООО «Ромашка»'), 'ромашка');
    assert.equal(nameKey('Αθηνά Ναυτιλιακή Α.Ε.'), 'αθηναναυτιλιακη');
  });

  it('never removes the whole name, nor a word that only looks like a form in front', () => {
    assert.equal(nameKey('GmbH'), 'gmbh');
    assert.equal(nameKey('AB InBev'), 'abinbev');
    assert.equal(nameKey('有田焼'), '有田焼', 'a one-character form is not cut off a CJK name');
  });

  it('gives "&", "and" and nothing the same key, and records the legal form in one spelling', () => {
    assert.equal(nameKey('Smith & Jones'), nameKey('Smith and Jones'));
    assert.equal(nameKey('Smith & Jones'), nameKey('Smith Jones'));
    assert.equal(normalizeName('Contoso Limited').form, normalizeName('CONTOSO LTD.').form);
    assert.equal(normalizeName('Contoso').form, '');
    assert.notEqual(normalizeName('Contoso GmbH').form, normalizeName('Contoso AG').form);
  });

  it('also spells umlauts, å and ø the way domains and keyboards without them do', () => {
    assert.deepEqual(
      nameSpellings('Müller Bäckerei GmbH').map((name) => name.key),
      ['mullerbackerei', 'muellerbaeckerei'],
    );
    assert.equal(nameSpellings('Contoso Ltd').length, 1);
  });

  it('reads domains as people type them', () => {
    assert.equal(normalizeDomain('https://www.Contoso.co.uk/about'), 'contoso.co.uk');
    assert.equal(domainLabel('https://www.Contoso.co.uk/about'), 'contoso');
    assert.equal(domainLabel('mail.contoso.com'), 'contoso');
    assert.equal(domainLabel('Contoso.onmicrosoft.com'), 'contoso');
    assert.equal(onMicrosoftPrefix('CONTOSO.onmicrosoft.com'), 'contoso');
    assert.equal(onMicrosoftPrefix('contoso.com'), undefined);
    assert.equal(looksLikeDomain('contoso.com'), true);
    assert.equal(looksLikeDomain('Contoso Ltd.'), false);
    assert.equal(looksLikeDomain('S.A.'), false);
  });

  it('counts one substitution, insertion, deletion or neighbour swap as one edit', () => {
    assert.equal(withinOneEdit('mulelr', 'muller'), true);
    assert.equal(withinOneEdit('mxller', 'muller'), true);
    assert.equal(withinOneEdit('muler', 'muller'), true);
    assert.equal(withinOneEdit('mlelur', 'muller'), false);
    assert.equal(prefixWithinOneEdit('bakc', 'backerei'), true);
    assert.equal(prefixWithinOneEdit('bxyk', 'backerei'), false);
    assert.equal(editDistance('mulelr', 'muller', 2), 1);
    assert.equal(editDistance('kitten', 'sitting', 2), 3, 'stops at max + 1');
  });
});
