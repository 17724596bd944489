import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('Logger', () => {
  it('never writes tokens or secrets, wherever they sit in a logged object', () => {
    const { lines, log } = capture();
    log.info(
      {
        headers: { authorization: 'Bearer eyJhbGciOi.secret-token' },
        response: { body: { access_token: 'at-123', refresh_token: 'rt-456' } },
        settings: { clientSecret: 'shh-789' },
      },
      'call',
    );
    const written = lines.join('');
    for (const secret of ['eyJhbGciOi', 'at-123', 'rt-456', 'shh-789']) {
      assert.ok(!written.includes(secret), `${secret} reached the log`);
    }
    assert.match(written, /\[redacted\]/);
  });

  it('writes structured JSON with the level as a word', () => {
    const { lines, log } = capture();
    log.child({ correlationId: 'c-1' }).warn('careful');
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    assert.equal(entry.level, 'warn');
    assert.equal(entry.correlationId, 'c-1');
    assert.equal(entry.msg, 'careful');
  });
});
