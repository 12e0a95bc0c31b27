import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, errorCodeOfSqlState } from './errors.ts';

describe('database refusals', () => {
  it('security: whatever a client can make PostgreSQL refuse is a 4xx, a transient failure a retryable 503, a server fault stays 500', () => {
    const status = (sqlstate: string) => {
      const code = errorCodeOfSqlState(sqlstate);
      return code ? ERROR_STATUS[code] : 500;
    };
    // unique, foreign key, check, not null, exclusion
    expect(['23505', '23503', '23514', '23502', '23P01'].map(status)).toEqual([409, 409, 409, 409, 409]);
    expect(errorCodeOfSqlState('23505')).toBe('DUPLICATE');
    // invalid text representation, untranslatable character, NUL not permitted, string too long, date/time out of range, value too large for an index
    expect(['22P02', '22P05', '22021', '22001', '22008', '54000'].map(status)).toEqual([400, 400, 400, 400, 400, 400]);
    // serialization failure, deadlock, lock not available; statement timeout, too many connections, connection failure
    expect(['40001', '40P01', '55P03'].map(errorCodeOfSqlState)).toEqual(['TRY_AGAIN', 'TRY_AGAIN', 'TRY_AGAIN']);
    expect(['40001', '57014', '53300', '08006'].map(status)).toEqual([503, 503, 503, 503]);
    // syntax error, undefined column, raise exception, internal error: the server's own fault
    expect(['42601', '42703', 'P0001', 'XX000'].map(status)).toEqual([500, 500, 500, 500]);
  });
});
