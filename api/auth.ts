// Bearer tokens: HS256 JWTs naming the user, the role and, for applicants, the one
// enterprise they act for. Tokens expire.
import type { FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Role } from '../workflows/subsidy-case/messages.js';
import type { Actor } from '../workflows/subsidy-case/messages.js';
import { HttpProblem } from './problem.js';

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(Object.values(Role) as [Role, ...Role[]]),
  enterpriseId: z.string().min(1).optional(),
});

export interface TokenService {
  issue(actor: Actor, ttlSeconds?: number): Promise<string>;
  verify(token: string): Promise<Actor>;
}

export function createTokenService(secret: string, issuer = 'ai-subsidy'): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(actor, ttlSeconds = 8 * 3600) {
      if (actor.role === Role.Applicant && !actor.enterpriseId) throw new Error('an applicant token names its enterprise');
      return new SignJWT({ role: actor.role, ...(actor.enterpriseId && { enterpriseId: actor.enterpriseId }) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(actor.userId)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'] });
      const claims = claimsSchema.parse(payload);
      return { userId: claims.sub, role: claims.role, ...(claims.enterpriseId && { enterpriseId: claims.enterpriseId }) };
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

/** The verified caller, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new HttpProblem(401, 'a valid bearer token is required');
  return request.actor;
}

/** The verified caller if it holds one of the roles, else 403. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = actorOf(request);
  if (!roles.includes(actor.role)) throw new HttpProblem(403, `this needs the role ${roles.join(' or ')}`);
  return actor;
}

export async function readBearerActor(request: FastifyRequest, tokens: TokenService): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) throw new HttpProblem(401, 'the Authorization header must be "Bearer <token>"');
  try {
    return await tokens.verify(match[1]);
  } catch {
    throw new HttpProblem(401, 'the bearer token is invalid or expired');
  }
}
