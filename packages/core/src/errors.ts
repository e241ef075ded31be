/**
 * Stable, machine-readable error codes. Clients branch on `code`, never on the message;
 * the message is Chinese text meant for the person in front of the screen.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  /** An upload's bytes do not match the SHA-256 the client declared for them. */
  hash_mismatch: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  forbidden: 403,
  /** A write authenticated by the session cookie came from another site's page (CSRF). */
  cross_site_request: 403,
  /** Signed in with a one-time code: the account must set a password first. */
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  possible_duplicate: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  import_failed: 422,
  too_many_requests: 429,
  /**
   * The server cannot take the request right now (database locked by another writer or
   * unreachable, storage not writable); nothing was saved. Sent with `Retry-After`.
   */
  unavailable: 503,
  /** The server's disk is full; nothing was saved. */
  insufficient_storage: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  error: { code: ErrorCode | 'internal_error'; message: string; details?: unknown };
}

/** Thrown by services and rules; the HTTP layer turns it into the contract's error shape. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
