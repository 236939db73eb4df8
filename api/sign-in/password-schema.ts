// What a new password must be, wherever one is set (sign-in, admin, command line).
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH);
