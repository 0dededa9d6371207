/** Bad command-line input: printed as one line, exit code 2, nothing started. */

/** An error in what the user typed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit code of bad input (as sysexits' EX_USAGE is for many tools, and as argparse uses). */
export const EXIT_USAGE = 2;
