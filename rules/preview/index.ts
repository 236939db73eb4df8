// The policy preview: what a candidate version would do to the live book.
export { parseCandidate, policyPatchSchema } from './candidate.js';
export type { Candidate, CandidateResult, PolicyPatchInput } from './candidate.js';
export { BOOK_FORMAT, FIGURE_SOURCES, bookSchema, parseBook } from './book.js';
export type { Book, BookCase, BookResult, EarlierAward, FigureSource } from './book.js';
export { previewBook, previewCase } from './engine.js';
export type { CaseDetail, PreviewOptions } from './engine.js';
export { TOUCH_REASONS, TOUCH_RULE, touchOf } from './touch.js';
export type { Touch, TouchCode } from './touch.js';
export { previewRows, PREVIEW_COLUMNS } from './table.js';
export type { PreviewRow } from './table.js';
export type * from './result.js';
