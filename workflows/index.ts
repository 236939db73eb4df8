// Every workflow type the worker registers; the bundler starts here.
export { subsidyCaseWorkflow } from './subsidy-case/workflow.js';
