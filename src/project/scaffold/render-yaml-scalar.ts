// Renders a string as a YAML scalar: plain when that is unambiguous, double-quoted otherwise
// (a JSON string is a valid YAML double-quoted scalar), so any project name round-trips.

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Plain scalars YAML 1.1 readers would turn into booleans or null.
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

export function renderYamlScalar(text: string): string {
  return PLAIN.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}
