// Where each problem of a refused decision belongs on the form. A 400 names its fields
// (errors[].field, e.g. body.scores.rent); a 409 or 422 from the case says in words
// what it refused ("amountFen 5000001 is above …"), so a field the form shows that the
// sentence names gets the sentence too. Whatever belongs to no field of the form is
// shown above the submit button.
import type { ApiProblem } from './api-client';

export interface PlacedProblems {
  /** Form path (e.g. ['scores', 'rent']) and its messages. */
  atFields: { name: string[]; errors: string[] }[];
  /** Messages that name no field the form shows. */
  unplaced: string[];
}

export function placeProblems(problem: ApiProblem, formFields: readonly string[]): PlacedProblems {
  const atFields: PlacedProblems['atFields'] = [];
  const unplaced: string[] = [];
  const byField = problem.fieldErrors();
  if (byField.size > 0) {
    for (const [field, message] of byField) {
      const top = field.split('.')[0] ?? '';
      if (top && formFields.includes(top)) atFields.push({ name: field.split('.'), errors: [message] });
      else unplaced.push(field ? `${field}: ${message}` : message);
    }
    return { atFields, unplaced };
  }
  const named = formFields.filter((field) => new RegExp(`(^|[^A-Za-z])${field}([^A-Za-z]|$)`).test(problem.message));
  for (const field of named) atFields.push({ name: [field], errors: [problem.message] });
  if (named.length === 0) unplaced.push(problem.message);
  return { atFields, unplaced };
}

/** Form values changed since the refusal: their fields' errors are answered, so they go (nested ones with them). */
export function errorsAnswered(changed: Record<string, unknown>, shown: { name: (string | number)[]; errors: string[] }[]): { name: (string | number)[]; errors: string[] }[] {
  const keys = Object.keys(changed);
  return shown.filter((f) => f.errors.length > 0 && keys.includes(String(f.name[0]))).map((f) => ({ name: f.name, errors: [] }));
}
