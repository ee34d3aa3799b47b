/** The expression text is not in the grammar. */
export class InvariantSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly position: number,
    reason: string,
  ) {
    super(`${reason} at position ${position} in: ${source}`);
    this.name = "InvariantSyntaxError";
  }
}

/** The expression parsed but could not be evaluated on this data (wrong type, unknown function...). */
export class InvariantEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvariantEvaluationError";
  }
}
