// Formats integer cents as a two-decimal amount (`1234.05`) without going through floating
// point, so a DECIMAL column reads back exactly what was generated.

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
