// A workflow whose first workflow task always fails, as a bug in workflow code does:
// a plain Error (not an ApplicationFailure) fails the task, which Temporal retries
// for ever, rather than the workflow.
export async function failsInItsFirstTask(): Promise<void> {
  throw new Error('broken on purpose: the workflow code cannot read this case');
}
