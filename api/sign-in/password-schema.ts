// What a new password must be, wherever one is set (sign-in, admin, command line).
import { z } from 'zod';
import { unstorable } from '../safe-text.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';

/** A password as typed: any character a passphrase may hold, but never a NUL or a lone surrogate (no hash input should be text PostgreSQL or UTF-8 cannot carry). */
export const passwordText = (): z.ZodString =>
  z.string().check((ctx) => {
    const message = unstorable(ctx.value);
    if (message) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });

export const newPasswordSchema = passwordText()
  .min(PASSWORD_MIN_LENGTH, { error: `use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH);
