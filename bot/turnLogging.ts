// Gives every turn a correlation id and a child logger that carries it.
import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from './logger.js';

const CORRELATION_ID = Symbol('correlationId');
const TURN_LOGGER = Symbol('turnLogger');

export class TurnLogging implements Middleware {
  constructor(private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const correlationId = randomUUID();
    context.turnState.set(CORRELATION_ID, correlationId);
    // A pino child with redaction costs more than a whole help turn's card; make it only when used.
    let child: Logger | undefined;
    context.turnState.set(TURN_LOGGER, () => (child ??= this.log.child({ correlationId })));
    const started = performance.now();
    await next();
    if (this.log.isLevelEnabled('debug')) {
      const { type, name, conversation } = context.activity;
      turnLogger(context)?.debug(
        {
          type,
          name,
          conversationType: conversation?.conversationType,
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
    }
  }
}

export function turnCorrelationId(context: TurnContext): string {
  return (context.turnState.get(CORRELATION_ID) as string | undefined) ?? 'none';
}

export function turnLogger(context: TurnContext): Logger | undefined {
  return (context.turnState.get(TURN_LOGGER) as (() => Logger) | undefined)?.();
}
