import assert from 'node:assert/strict';
import { AppError, ERROR_MESSAGES, isAppError } from '../../../services/errors.js';

describe('AppError', () => {
  it('has a distinct user message for every code', () => {
    const messages = Object.values(ERROR_MESSAGES);
    assert.equal(new Set(messages).size, messages.length);
  });

  it('keeps internal detail out of the user message', () => {
    const error = new AppError('STORE_WRITE_FAILED', 'EACCES: /var/data/bot.json');
    assert.equal(error.userMessage, ERROR_MESSAGES.STORE_WRITE_FAILED);
    assert.match(error.message, /EACCES/);
    assert.ok(isAppError(error, 'STORE_WRITE_FAILED'));
    assert.ok(!isAppError(error, 'INTERNAL'));
  });
});
