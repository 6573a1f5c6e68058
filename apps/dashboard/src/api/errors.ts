/** One problem the API found in a request: the field it names (`path`, e.g. `actors.0`) and what is wrong. */
export interface Problem {
  path: string;
  message: string;
}

export const MESSAGES = {
  badKey: 'This key was not accepted. Check it or ask your administrator for a new one.',
  unreachable: 'Chronicle could not be reached. Check your connection and try again.',
  reconnecting: 'Chronicle could not be reached. Retrying…',
  tooMany: 'Chronicle is receiving too many requests from this key. Wait a minute and try again.',
  keysUnavailable: 'Chronicle cannot check keys right now. Try again in a moment.',
  serverError: 'Chronicle ran into a problem answering. Try again in a moment; if it persists, tell your administrator.',
  notAvailable: 'This Chronicle server does not offer this yet. Ask your administrator to update it.',
  invalid: 'Chronicle could not accept this. Check the highlighted fields.',
} as const;

/** An answer other than success, with a message a journalist can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** For a 400: every problem, each naming its field. */
    readonly problems: Problem[] = [],
    /** The server has no such route (a Chronicle older than this dashboard). */
    readonly notAvailable = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  message?: unknown;
  problems?: unknown;
}

function problemsOf(body: ErrorBody): Problem[] {
  if (!Array.isArray(body.problems)) return [];
  return body.problems.filter(
    (p): p is Problem => typeof p === 'object' && p !== null && typeof p.path === 'string' && typeof p.message === 'string',
  );
}

/**
 * Turns an error answer into plain words. `notFound` says what was missing (an actor, an article…);
 * a 404 for a route the server does not have (Nest answers "Cannot GET /v1/…") is "not available".
 */
export function errorFromResponse(
  status: number,
  body: ErrorBody,
  notFound = 'This was not found.',
  conflict = 'This changed meanwhile. Reload the page and try again.',
): ApiError {
  const serverMessage = typeof body.message === 'string' ? body.message : '';
  switch (true) {
    case status === 400:
      return new ApiError(status, MESSAGES.invalid, problemsOf(body));
    case status === 401:
      return new ApiError(status, MESSAGES.badKey);
    case status === 403:
      return new ApiError(
        status,
        `This key is not allowed to do this (${serverMessage || 'missing scope'}). Ask your administrator for a key that is.`,
      );
    case status === 404 && /^Cannot [A-Z]+ \//.test(serverMessage):
      return new ApiError(status, MESSAGES.notAvailable, [], true);
    case status === 404:
      return new ApiError(status, notFound);
    case status === 409:
      return new ApiError(status, conflict);
    case status === 429:
      return new ApiError(status, MESSAGES.tooMany);
    case status === 503:
      return new ApiError(status, MESSAGES.keysUnavailable);
    default:
      return new ApiError(status, MESSAGES.serverError);
  }
}

/** The message to show for anything a call threw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return MESSAGES.unreachable;
}
