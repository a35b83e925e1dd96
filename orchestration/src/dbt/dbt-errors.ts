/** Thrown when the dbt project cannot be read: a missing file, bad YAML, an unknown ref or source. Names the file. Never retryable. */
export class DbtProjectError extends Error {
  readonly retryable = false;
  constructor(
    message: string,
    /** The project file at fault, relative to the project dir, when one is. */
    readonly file?: string,
  ) {
    super(file === undefined ? message : `${file}: ${message}`);
    this.name = 'DbtProjectError';
  }
}

/**
 * Thrown by the built-in runner for Jinja outside its subset (adapter calls, package macros, `target`).
 * Never retryable: install dbt-core (or run in the dbt image) to run the model.
 */
export class UnsupportedJinjaError extends Error {
  readonly retryable = false;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(
      `${file}:${line}: ${detail}; the built-in runner does not support this: install dbt-core to run this model`,
    );
    this.name = 'UnsupportedJinjaError';
  }
}

/** Thrown when a model fails to build (SQL error, or real dbt exiting with the model failed). */
export class DbtModelError extends Error {
  constructor(
    message: string,
    readonly model: string,
    options?: { cause?: unknown },
  ) {
    super(`dbt model ${model}: ${message}`, options);
    this.name = 'DbtModelError';
  }
}
