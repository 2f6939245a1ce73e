import { DomainError } from '../../../common/src/errors.js';

/**
 * A list file that cannot be trusted as a whole (broken XML, truncated gzip, wrong header, empty file).
 * The message names the file, the line or element and the problem, so an operator can act on it without a debugger.
 */
export class ListFormatError extends DomainError {
  constructor(
    readonly file: string,
    readonly location: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      'LIST_FORMAT_INVALID',
      `${file}: ${location}: ${problem}`,
      [{ path: `${file}:${location}`, message: problem }],
      options,
    );
  }
}
