/// <reference types="@fastify/cookie" />
// Bearer tokens: HS256 JWTs naming the user, the role and, for applicants, the one
// enterprise they act for. Tokens expire. A token alone is not enough: the user it
// names must exist, be active and still hold that role and enterprise, so
// deactivating a user revokes every token issued to it.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Role } from '../domain/vocabulary.js';
import type { Actor } from '../domain/vocabulary.js';
import type { Database } from '../db/client.js';
import { HttpProblem } from './problem.js';
import { findLiveSession } from './repositories/sessions.js';
import { CSRF_HEADER, SESSION_COOKIE } from './sign-in/sign-in-policy.js';
import type { UserStandings } from './user-standings.js';

export const ROLES = Object.values(Role) as [Role, ...Role[]];

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  enterpriseId: z.string().min(1).optional(),
  exp: z.number(),
});

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

export interface TokenService {
  issue(actor: Actor, ttlSeconds?: number): Promise<string>;
  issueWithExpiry(actor: Actor, ttlSeconds?: number): Promise<IssuedToken>;
  verify(token: string): Promise<Actor>;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

/** The one rule for the token-signing secret, wherever it comes from (AUTH_SECRET, the main job's file, a test). */
export const MIN_SECRET_LENGTH = 32;

/** What is wrong with a token-signing secret, or undefined when it will do. */
export function tokenSecretProblem(secret: string | undefined): string | undefined {
  if (!secret) return `AUTH_SECRET is not set: set it to a random string of at least ${MIN_SECRET_LENGTH} characters`;
  if (secret.length < MIN_SECRET_LENGTH) return `AUTH_SECRET is ${secret.length} characters long: it must be at least ${MIN_SECRET_LENGTH} (e.g. openssl rand -hex 32)`;
  return undefined;
}

export function createTokenService(secret: string, issuer = 'ai-subsidy'): TokenService {
  const problem = tokenSecretProblem(secret);
  if (problem) throw new Error(problem);
  const key = new TextEncoder().encode(secret);
  const verified = new Map<string, { actor: Actor; exp: number }>();
  async function issueWithExpiry(actor: Actor, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): Promise<IssuedToken> {
    if (actor.role === Role.Applicant && !actor.enterpriseId) throw new Error('an applicant token names its enterprise');
    const expiresAtSeconds = Math.floor(Date.now() / 1000) + ttlSeconds;
    const token = await new SignJWT({ role: actor.role, ...(actor.enterpriseId && { enterpriseId: actor.enterpriseId }) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(actor.userId)
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(expiresAtSeconds)
      .sign(key);
    return { token, expiresAt: new Date(expiresAtSeconds * 1000).toISOString() };
  }
  return {
    issueWithExpiry,
    async issue(actor, ttlSeconds) {
      return (await issueWithExpiry(actor, ttlSeconds)).token;
    },
    async verify(token) {
      // A token's signature and claims never change: verify it once, then trust it
      // until it expires (the user behind it is still loaded on every request).
      const known = verified.get(token);
      if (known && known.exp * 1000 > Date.now()) return known.actor;
      const { payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      const claims = claimsSchema.parse(payload);
      const actor: Actor = { userId: claims.sub, role: claims.role, ...(claims.enterpriseId && { enterpriseId: claims.enterpriseId }) };
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.clear();
      verified.set(token, { actor, exp: claims.exp });
      return actor;
    },
  };
}

/** How many verified tokens a process remembers (HMAC verification was a tenth of the inbox's CPU). */
const VERIFIED_TOKENS_KEPT = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

/** The verified caller (routes that are not public always have one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new HttpProblem(401, 'sign in, or send a valid bearer token');
  return request.actor;
}

/** How the caller was recognised: a bearer token, or a workspace session (cookie). */
export interface SessionContext {
  id: string;
  csrfToken: string;
  passwordMustChange: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionContext | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Authenticators {
  tokens: TokenService;
  userStandings: UserStandings;
  db: Database;
  now: () => Date;
}

/**
 * A bearer token when the request has an Authorization header, else the workspace's
 * session cookie. Either way the user must still be active with the same role and
 * enterprise (401 otherwise), so deactivating a user ends its tokens and sessions at
 * once. A state-changing request made with the cookie must carry the session's CSRF
 * token in X-CSRF-Token (403 otherwise): a cookie is sent by the browser on its own,
 * a header only by the workspace's own script. Bearer requests need no such token.
 */
export async function authenticate(request: FastifyRequest, auth: Authenticators): Promise<Actor> {
  const header = request.headers.authorization;
  if (header) return authenticateBearer(header, auth);
  const sessionId = request.cookies?.[SESSION_COOKIE];
  if (!sessionId) throw new HttpProblem(401, 'sign in, or send a bearer token (Authorization: Bearer <token>)');
  const session = await findLiveSession(auth.db, sessionId, auth.now());
  if (!session) throw new HttpProblem(401, 'your session has ended: sign in again');
  const claimed: Actor = { userId: session.userId, role: roleOf(session.role), ...(session.enterpriseId && { enterpriseId: session.enterpriseId }) };
  await assertStanding(claimed, auth.userStandings, 'session');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) throw new HttpProblem(403, `a request that changes something must carry the session's ${CSRF_HEADER} header`);
  }
  request.session = { id: sessionId, csrfToken: session.csrfToken, passwordMustChange: session.passwordMustChange };
  return claimed;
}

async function authenticateBearer(header: string, auth: Authenticators): Promise<Actor> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new HttpProblem(401, 'the Authorization header must be "Bearer <token>"');
  let claimed: Actor;
  try {
    claimed = await auth.tokens.verify(match[1]);
  } catch {
    throw new HttpProblem(401, 'the bearer token is invalid or expired');
  }
  await assertStanding(claimed, auth.userStandings, 'token');
  return claimed;
}

async function assertStanding(claimed: Actor, standings: UserStandings, what: 'token' | 'session'): Promise<void> {
  const user = await standings.find(claimed.userId);
  if (!user || !user.active) throw new HttpProblem(401, `the user of this ${what} is unknown or deactivated`);
  if (user.role !== claimed.role || (user.enterpriseId ?? undefined) !== claimed.enterpriseId) {
    throw new HttpProblem(401, what === 'token' ? 'this token no longer matches its user: ask for a new one' : 'your role has changed: sign in again');
  }
}

const roleOf = (role: string): Role => claimsSchema.shape.role.parse(role);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
