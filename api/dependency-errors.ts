// Which service an error says is down. A request that failed because PostgreSQL or
// Temporal could not be reached is answered 503 naming that service (with
// Retry-After), never 500: the request was fine, the moment was not.
import { isGrpcServiceError, ServiceError } from '@temporalio/client';

export type Dependency = 'postgresql' | 'temporal';

// gRPC status codes Temporal's client reports when the frontend cannot be reached
// or did not answer in time.
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** Socket errors (Node's errno codes) and postgres.js's own connection errors. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECTION_ENDED',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs of a server going away or not taking connections: class 08 (connection
 * exception), 57P01 admin shutdown (a restart), 57P02 crash shutdown, 57P03 cannot
 * connect now (starting up or shutting down), 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;

/** The error and its causes (drizzle wraps the driver's error in `cause`). */
function* chainOf(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth += 1) {
    yield current;
    // Node reports a refused connection to every address of a host as one AggregateError.
    if (current instanceof AggregateError) yield* current.errors;
    current = (current as { cause?: unknown }).cause;
  }
}

function isTemporalUnavailable(error: unknown): boolean {
  const grpc = isGrpcServiceError(error) ? error : error instanceof ServiceError && isGrpcServiceError(error.cause) ? error.cause : undefined;
  return grpc !== undefined && (grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED);
}

function isPostgresUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code));
}

/** The service this error says is unreachable, if it says so. */
export function unavailableDependency(error: unknown): Dependency | undefined {
  for (const link of chainOf(error)) {
    // Temporal's errors first: a gRPC failure may carry a socket code too.
    if (isTemporalUnavailable(link)) return 'temporal';
    if (isGrpcServiceError(link) || link instanceof ServiceError) return undefined;
    if (isPostgresUnavailable(link)) return 'postgresql';
  }
  return undefined;
}
