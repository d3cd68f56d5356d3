// Renders rows as RFC 4180 CSV text with a header line and a trailing newline, quoting only
// the fields that need it, so the generated example files stay easy to read and diff.

export type CsvValue = string | number;

function renderField(value: CsvValue): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(renderField).join(','));
  return lines.join('\n') + '\n';
}
