// The root of every error mbbpe throws on purpose. Each stage subclasses it with the data a
// caller needs to act (a JSON path, a file and offset, …) and a `hint` that says how to fix it.

export class MbbpeError extends Error {
  /** How to fix the problem, in one sentence; empty when there is nothing more to say. */
  readonly hint: string;

  constructor(message: string, hint = '') {
    super(hint ? `${message} (${hint})` : message);
    this.name = new.target.name;
    this.hint = hint;
  }
}
