/**
 * Technical logs never carry personal data. Errors are the way values sneak in: drizzle writes the
 * statement's parameters into its message ("Failed query: … params: ivanov,…"), PostgreSQL quotes
 * the offending value in its message and detail, JSON.parse quotes the input. So an error is logged
 * as what it is and where it happened, never as what it says about the data.
 */

export interface DatabaseErrorInfo {
  kind: 'database';
  /** SQLSTATE, e.g. 23505. */
  sqlstate: string;
  constraint?: string;
  table?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The PostgreSQL error behind an error (drizzle wraps it as `cause`), on either driver; null if none. */
export function databaseErrorOf(err: unknown): DatabaseErrorInfo | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const candidate = e as { code?: unknown; severity?: unknown; routine?: unknown; constraint?: unknown; table?: unknown; cause?: unknown };
    // pg and PGlite both raise a DatabaseError with the fields of the server's ErrorResponse.
    if (typeof candidate.code === 'string' && SQLSTATE.test(candidate.code) && (candidate.severity !== undefined || candidate.routine !== undefined)) {
      const info: DatabaseErrorInfo = { kind: 'database', sqlstate: candidate.code };
      if (typeof candidate.constraint === 'string') info.constraint = candidate.constraint;
      if (typeof candidate.table === 'string') info.table = candidate.table;
      return info;
    }
    e = candidate.cause;
  }
  return null;
}

export interface LoggedError {
  kind: 'error';
  name: string;
  code?: string;
  message: string;
  /** Only the frames (file:line), never the message line the stack starts with. */
  stack?: string[];
}

/** Quoted text in a message is where libraries put values: keep the shape, drop the content. */
export function redactMessage(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|«[^»]*»|“[^”]*”/g, '"…"')
    .replace(/\b\d{5,}\b/g, '…')
    .slice(0, 300);
}

/** What may be logged of any error: a database error's code, constraint and table; otherwise its type, a redacted message and the frames. */
export function loggableError(err: unknown): DatabaseErrorInfo | LoggedError {
  if (err && typeof err === 'object' && ((err as { kind?: unknown }).kind === 'database' || (err as { kind?: unknown }).kind === 'error')) {
    return err as DatabaseErrorInfo | LoggedError; // already made safe
  }
  const db = databaseErrorOf(err);
  if (db) return db;
  if (!(err instanceof Error)) return { kind: 'error', name: typeof err, message: 'non-error value thrown' };
  const code = (err as { code?: unknown }).code;
  // A drizzle error without a database error behind it still has the parameters in its message.
  const drizzle = 'params' in err && 'query' in err;
  const out: LoggedError = { kind: 'error', name: err.name, message: drizzle ? 'Failed query (parameters not logged)' : redactMessage(err.message) };
  if (typeof code === 'string') out.code = code.slice(0, 60);
  const stack = framesOf(err);
  if (stack.length) out.stack = stack;
  return out;
}

/** The code locations of an error's stack, without the message line it starts with. */
export function framesOf(err: unknown): string[] {
  const stack = err instanceof Error ? err.stack : undefined;
  return (stack?.split('\n') ?? [])
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim())
    .slice(0, 15);
}
