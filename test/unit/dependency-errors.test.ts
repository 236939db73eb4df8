// Which dependency an error says is down, for the shapes the drivers really raise:
// postgres.js errors (wrapped by drizzle), Node's AggregateError for a refused
// connection to every address, and Temporal's gRPC failures.
import { ServiceError } from '@temporalio/client';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { unavailableDependency } from '../../api/dependency-errors.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });
const grpcError = (code: number) => Object.assign(new Error(`${code} grpc`), { code, details: 'No connection established', metadata: {} });

describe('unavailableDependency', () => {
  it.each(['ECONNREFUSED', 'CONNECTION_ENDED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '53300'])('names postgresql for %s, also when drizzle wraps it', (code) => {
    expect(unavailableDependency(withCode(code))).toBe('postgresql');
    expect(unavailableDependency(new DrizzleQueryError('select 1', [], withCode(code)))).toBe('postgresql');
  });

  it('names postgresql for a refused connection to every address of the host', () => {
    expect(unavailableDependency(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed'))).toBe('postgresql');
  });

  it('names temporal for UNAVAILABLE and DEADLINE_EXCEEDED, bare or inside a ServiceError', () => {
    expect(unavailableDependency(grpcError(14))).toBe('temporal');
    expect(unavailableDependency(grpcError(4))).toBe('temporal');
    expect(unavailableDependency(new ServiceError('start failed', { cause: grpcError(14) }))).toBe('temporal');
  });

  it('names nothing for a query error, a gRPC refusal or a plain bug', () => {
    expect(unavailableDependency(withCode('23505'))).toBeUndefined();
    expect(unavailableDependency(new DrizzleQueryError('insert', [], withCode('42P01')))).toBeUndefined();
    expect(unavailableDependency(grpcError(5))).toBeUndefined();
    expect(unavailableDependency(new ServiceError('refused', { cause: grpcError(9) }))).toBeUndefined();
    expect(unavailableDependency(new TypeError('x is undefined'))).toBeUndefined();
  });
});
