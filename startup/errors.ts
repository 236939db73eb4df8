// A configuration mistake found at start-up ends the process at once with one line
// saying what to fix, instead of a stack trace or a silent hang.

export class StartupError extends Error {}

/** EX_CONFIG (sysexits.h): the process was configured wrongly. */
export const BAD_CONFIGURATION_EXIT = 78;

/** Prints the one line and exits. */
export function refuseToStart(message: string): never {
  process.stderr.write(`cannot start: ${message}\n`);
  process.exit(BAD_CONFIGURATION_EXIT);
}

/** Runs a start-up step; a StartupError from it ends the process with its line. */
export async function orRefuse<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof StartupError) refuseToStart(error.message);
    throw error;
  }
}
