// Who may call a route. Every route declares its access in `config.access`; the app
// refuses to start with a route that does not (fail closed). Object-level checks
// (whose case, whose task) live in api/policies.ts.
import type { Role } from '../domain/vocabulary.js';

/** `public`: no token; `authenticated`: any active user; a list: those roles only. */
export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Answers a session whose password must be changed first (sign-in routes only). */
    beforePasswordChange?: boolean;
  }
}

export const publicRoute = { access: 'public' } as const satisfies { access: Access };
export const anyUser = { access: 'authenticated' } as const satisfies { access: Access };
export const only = (...roles: Role[]): { access: Access } => ({ access: roles });
