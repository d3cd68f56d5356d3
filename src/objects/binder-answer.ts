// DuckDB's binder as the compiler's second opinion (plain data shared by sql/, plan/ and the
// warehouse adapter): what a model's text binds to over empty tables of its inputs.

/** One input of a model as the binder is to see it: its name and column types. */
export interface ModelInputSchema {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** Its output columns, or the error it raises (message, 1-based line and column in the model
 *  file when DuckDB gives a position, else 1:1). */
export type BinderAnswer =
  | { readonly columns: readonly { readonly name: string; readonly type: string }[] }
  | { readonly error: { readonly message: string; readonly line: number; readonly column: number } };
