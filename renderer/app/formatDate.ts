/** Dates in the catalogue: local time, sortable-looking, independent of the browser's locale settings. */

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatLocalDateTime(msSinceEpoch: number): string {
  const d = new Date(msSinceEpoch);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}
