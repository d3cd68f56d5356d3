// Formats an epoch-milliseconds instant as a DuckDB TIMESTAMP literal in UTC
// (`YYYY-MM-DD HH:MM:SS`), independent of the machine's time zone.

export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}
