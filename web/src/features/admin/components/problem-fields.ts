// A refused write's problems at their form fields: `body.enterpriseId` lands on the
// field `enterpriseId`; what names no field of the form is shown above the buttons.
import { ApiProblem } from '../../../lib/api-client';

export interface FieldProblems {
  /** Props for a Form.Item: its error state and message, when the API named it. */
  at(field: string): { validateStatus?: 'error'; help?: string };
  /** The problem's message when none of its errors named a field of the form. */
  general: string | null;
}

export function problemFields(error: unknown, formFields: readonly string[]): FieldProblems {
  if (!error) return { at: () => ({}), general: null };
  if (!(error instanceof ApiProblem)) return { at: () => ({}), general: String((error as Error).message ?? error) };
  const byField = error.fieldErrors();
  const known = [...byField.keys()].filter((f) => formFields.some((name) => f === name || f.startsWith(`${name}.`)));
  const messageAt = (field: string) =>
    [...byField.entries()]
      .filter(([f]) => f === field || f.startsWith(`${field}.`))
      .map(([, message]) => message)
      .join('; ');
  return {
    at: (field) => {
      const message = messageAt(field);
      return message ? { validateStatus: 'error', help: message } : {};
    },
    general: known.length === 0 ? error.message : null,
  };
}
