import { z } from 'zod';

/**
 * The one error vocabulary of the system. The server answers with a code; the web translates
 * `errors:<CODE>`, so a message reaches the user in their language without the server knowing it.
 * Codes are stable: never rename one, add a new one instead.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  MALFORMED_MULTIPART: 400,
  DATA_REJECTED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  /** only the Party that provides a piece of information sets its degree of confidentiality. */
  CONFIDENTIALITY_SET_BY_PROVIDER: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DUPLICATE: 409,
  VERSION_CONFLICT: 409,
  LOGIN_TAKEN: 409,
  OFFICE_CODE_TAKEN: 409,
  PAIRING_EXISTS: 409,
  LEGAL_BASIS_CODE_TAKEN: 409,
  ALREADY_TERMINATED: 409,
  CONTACT_ALREADY_ENDED: 409,
  NOTHING_TO_COMMUNICATE: 409,
  /** Moving an office off this node while it has active users: they would be locked out unseen. */
  OFFICE_HAS_ACTIVE_USERS: 409,
  ITEM_ACTION_NOT_ALLOWED: 409,
  ITEM_NOT_SIGNED: 409,
  ORAL_CONFIRMATION_REQUIRED: 409,
  ALREADY_CONFIRMED: 409,
  NO_CONDITIONS_PROPOSED: 409,
  CONSENT_ALREADY_DECIDED: 409,
  EVENT_ACTION_NOT_ALLOWED: 409,
  EVENT_NOT_ENDED: 409,
  BLOCK_ACTION_NOT_ALLOWED: 409,
  AUDIT_CHAIN_BROKEN: 409,
  AUDIT_LOG_EMPTY: 409,
  /**
   * A stored file no longer matches its recorded SHA-256, or is missing: it is not served. 409, not
   * 5xx: the code works as intended, the file is in a state it cannot be served from until an
   * administrator restores it (the administrators are told when it is found).
   */
  ATTACHMENT_DAMAGED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  PAIRING_PARTIES_INVALID: 422,
  DATE_RANGE_INVALID: 422,
  OFFICE_NOT_ELIGIBLE: 422,
  PASSWORD_TOO_WEAK: 422,
  MANDATORY_CONTENT_MISSING: 422,
  /** marked «translation attached» with no content file marked as the translation. */
  TRANSLATION_FILE_MISSING: 422,
  DIRECT_EXCHANGE_NOT_ALLOWED: 422,
  REGISTRATION_DATE_INVALID: 422,
  OFFICE_NOT_AUTHORIZED: 422,
  REFUSAL_GROUND_REQUIRED: 422,
  CONSENT_REQUIRED: 422,
  CONFIDENTIALITY_CANNOT_BE_LOWERED: 422,
  EXECUTOR_NOT_IN_OFFICE: 422,
  PASSWORD_REUSED: 422,
  /** A user of an office not hosted on this node: the other Party's officials are addressees, not users. */
  OFFICE_NOT_HOSTED_HERE: 422,
  /** Issue 10: a counterpart that works on this node takes its actions itself; only an office off the system is recorded from its letters. */
  COUNTERPART_IN_SYSTEM: 409,
  /** A hosting this node does not allow for the office (domain/node.ts allowedHostings). */
  HOSTING_NOT_ALLOWED: 422,
  /** Issue 12: a peer's trust bundle that is not signed by the keys it lists, or is this node's own, or of this node's Party. */
  PEER_BUNDLE_INVALID: 400,
  /** The bundle is not the one whose hash the peer's administrator read out over another channel. */
  PEER_BUNDLE_HASH_MISMATCH: 409,
  /** The counterpart works at a peer node this node has no link with yet (its trust bundle is not imported): nothing could carry the action. */
  PEER_NOT_CONNECTED: 409,
  ACCOUNT_LOCKED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  TRY_AGAIN: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/**
 * What a client gets when PostgreSQL refuses a statement (SQLSTATE, PostgreSQL manual Appendix A).
 * Whatever the client sent is answered with a 4xx; a transient failure with a retryable 503; only a
 * code that says the server itself is wrong (syntax, undefined column, internal) stays a 500 (null).
 */
export function errorCodeOfSqlState(sqlstate: string): ErrorCode | null {
  switch (sqlstate) {
    case '23505': // unique_violation: two writes raced past the service's own check
      return 'DUPLICATE';
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
    case '55P03': // lock_not_available
      return 'TRY_AGAIN';
  }
  switch (sqlstate.slice(0, 2)) {
    case '22': // data exception: invalid text representation, untranslatable character, out of range …
    case '54': // program limit exceeded: a value too large for an index or a tsvector
      return 'DATA_REJECTED';
    case '23': // integrity: a foreign key, check or not-null rule the current state does not allow
      return 'CONFLICT';
    case '08': // connection exception
    case '53': // insufficient resources
    case '57': // operator intervention: statement timeout, shutdown
      return 'SERVICE_UNAVAILABLE';
  }
  return null;
}

export const FieldIssue = z.object({
  field: z.string().describe('Dotted path of the offending field, e.g. "body.email"'),
  rule: z.string().describe('Machine-readable rule name (zod issue code or a domain rule)'),
  message: z.string().describe('English fallback; the web shows its own translation of the rule'),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? code);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** One field's issue: where (`body.phone`), which rule, an English fallback, the rule's parameters. */
export function fieldIssue(field: string, rule: string, message: string, params?: Record<string, unknown>): FieldIssue {
  return params ? { field, rule, message, params } : { field, rule, message };
}

/**
 * The one way to refuse input on named fields: a code (VALIDATION_FAILED, or a more precise one
 * such as DATE_RANGE_INVALID), an English message, and `details.issues`, which the web shows at the
 * fields in the user's language. `details` may add facts of the refusal beside the issues.
 */
export function fieldError(code: ErrorCode, message: string, issues: FieldIssue | readonly FieldIssue[], details?: Record<string, unknown>): AppError {
  return new AppError(code, message, { ...details, issues: Array.isArray(issues) ? [...issues] : [issues] });
}

/** Invalid input (400 VALIDATION_FAILED); the message defaults to the issues, as route validation words it. */
export function validationError(issues: FieldIssue | readonly FieldIssue[], message?: string): AppError {
  const list: FieldIssue[] = Array.isArray(issues) ? [...issues] : [issues as FieldIssue];
  return fieldError('VALIDATION_FAILED', message ?? list.map((i) => `${i.field}: ${i.message}`).join('; '), list);
}
