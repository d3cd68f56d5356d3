// Binds rendered SQL to physical tables: each {{ref('<name>')}} becomes the given, already
// quoted table text. A placeholder without a binding is a broken invariant (throws).
const PLACEHOLDER = /\{\{ref\('([^']*)'\)\}\}/g;

export function bindInputs(rendered: string, tables: Readonly<Record<string, string>>): string {
  return rendered.replace(PLACEHOLDER, (_, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(tables, name)) throw new Error(`bindInputs: no table bound for {{ref('${name}')}}`);
    return tables[name];
  });
}
