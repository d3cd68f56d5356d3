// The base of every error git rocky throws on purpose: a stable `code` that scripts and the CLI
// map to exit codes and messages, plus plain `data` for --json output.
export class RockyError extends Error {
  readonly code: string;
  readonly data: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.data = data;
  }
}
