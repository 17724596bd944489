// Structured JSON logs (pino) with secrets and tokens redacted wherever they might appear.
import { pino, type Logger, type DestinationStream } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

// Field names that can carry a credential anywhere in a logged object.
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'id_token',
  'idToken',
  'clientSecret',
  'client_secret',
  'password',
  'appPassword',
  'MicrosoftAppPassword',
  'secret',
  'code',
  'code_verifier',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const paths = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]);
  return pino(
    {
      level,
      base: { service: 'csp-integration-bot' },
      redact: { paths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
