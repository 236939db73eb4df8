import type { FormInstance } from 'antd';
import { ApiProblem } from '../../../lib/api-client';

/** Shows each problem the API names (body.facts.x, body.note) at its field of the form; the rest stays in the form's alert. */
export function showFieldErrors<T>(form: FormInstance<T>, error: unknown, fields: (field: string) => boolean): void {
  if (!(error instanceof ApiProblem)) return;
  const named = [...error.fieldErrors()].filter(([field]) => field && fields(field));
  // Field paths come from the API's error list; the form's own path type cannot know them.
  form.setFields(named.map(([field, message]) => ({ name: field.split('.') as never, errors: [message] })));
}
