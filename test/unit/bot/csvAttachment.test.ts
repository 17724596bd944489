// Downloading an attached CSV: https links only, redirects included, with a plain message for each refusal.
import assert from 'node:assert/strict';
import { downloadCsv } from '../../../bot/csvAttachment.js';
import { isAppError } from '../../../services/errors.js';
import { HttpsFileServer } from '../../fakes/httpsFileServer.js';

const refusedWith = (pattern: RegExp) => (error: unknown) => {
  assert.ok(isAppError(error, 'IMPORT_REFUSED'), String(error));
  assert.match(error.userMessage, pattern);
  return true;
};
const download = (url: string) => downloadCsv({ name: 'clients.csv', url });
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('downloadCsv', () => {
  let files: HttpsFileServer;
  before(async () => (files = await HttpsFileServer.start()));
  after(() => files.close());

  it('follows a redirect that stays on https', async () => {
    const url = files.redirect(files.add('Name\nAlpine Ski House\n'));
    assert.equal(text(await download(url)), 'Name\nAlpine Ski House\n');
  });

  it('refuses a redirect to plain http without following it', async () => {
    const before = files.requests;
    const plain = files.add('Name\nUnsafe\n').replace('https:', 'http:');
    await assert.rejects(download(files.redirect(plain)), refusedWith(/secure \(https\) link/));
    assert.equal(files.requests, before + 1, 'only the redirect itself was asked');
  });

  it('gives up on a link that keeps redirecting', async () => {
    let url = files.add('Name\nFar away\n');
    for (let hop = 0; hop < 5; hop++) url = files.redirect(url);
    await assert.rejects(download(url), refusedWith(/keeps redirecting/));
  });

  it('says so plainly when the link answers with an error', async () => {
    await assert.rejects(download(files.url('/files/missing.csv')), refusedWith(/answered 404/));
  });
});
