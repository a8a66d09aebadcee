import { CliError } from '../cli/errors.js';

/** A results folder that cannot be used as asked; the message says why and what to do. */
export class ResultsFolderError extends CliError {
  constructor(message: string, cause?: unknown) {
    super('E_RESULTS', message, [], cause);
    this.name = 'ResultsFolderError';
  }
}
