// Turns a failed Graph call on the partner's GDAP data into an AppError that says what happened and the fix.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError, isAppError } from '../errors.js';

export function httpStatusOf(error: unknown): number | undefined {
  return error instanceof GraphError && error.statusCode > 0 ? error.statusCode : undefined;
}

// Graph's own messages for 400 and 409 are plain English ("Only a relationship in the created status…") and
// carry no secrets, so they are shown; anything long or odd is cut.
function graphSaid(error: GraphError): string {
  const text = (error.message ?? '').replace(/\s+/g, ' ').trim();
  return text ? ` Microsoft said: “${text.slice(0, 300)}”` : '';
}

/**
 * The AppError for a failed GDAP call; an AppError passes through unchanged. `action` is what the request was
 * doing, in words a user may read: "locking the relationship for approval".
 */
export function gdapFailure(error: unknown, action: string): AppError {
  if (isAppError(error)) return error;
  const detail = `${action}: ${describe(error)}`;
  const options = { cause: error };
  const status = httpStatusOf(error);
  if (status === undefined || status >= 500) {
    return new AppError('GDAP_UNAVAILABLE', detail, {
      ...options,
      userMessage: `Microsoft could not be reached or failed while ${action}. Try again in a few minutes.`,
    });
  }
  const graphError = error as GraphError;
  switch (status) {
    case 401:
      return new AppError('SIGN_IN_REQUIRED', detail, options);
    case 403:
      return new AppError('GDAP_PERMISSION_DENIED', detail, options);
    case 404:
      return new AppError('GDAP_NOT_FOUND', detail, options);
    case 412:
      return new AppError('GDAP_STALE', detail, options);
    case 429:
      return new AppError('GDAP_THROTTLED', detail, options);
    default:
      return new AppError('GDAP_REJECTED', detail, {
        ...options,
        userMessage: `Microsoft refused ${action}.${graphSaid(graphError)}`,
      });
  }
}

// One line for logs: status, Graph's code and message; never headers, which could carry a token.
function describe(error: unknown): string {
  if (error instanceof GraphError) {
    return `${error.statusCode} ${error.code ?? ''} ${error.message ?? ''}`.replace(/\s+/g, ' ').trim();
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
