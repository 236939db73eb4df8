export interface FieldError {
  field: string;
  message: string;
}

/** Bad input: names the fields. The CLI exits 2 on it. */
export class RulesInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'RulesInputError';
  }
}
