/** Formats a duration in seconds as whole minutes, rounded up, such as "12 min" or "1 h 05 min". */
export function formatDuration(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Formats a distance in metres as "850 m" below 1 km and as "3.4 km" from there on. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  return `${(metres / 1000).toFixed(1)} km`;
}

/**
 * Formats a ride's duration in seconds as minutes with one decimal, such as "12.7", rounded up so that a
 * ride never looks shorter than it is. Whole minutes would show a 12.1-minute ride as "13 of 13 min".
 * The panel, the map and the page's GPX all use it, so a ride reads the same everywhere.
 */
export function formatRideMinutes(durationSeconds: number): string {
  // The small subtraction keeps float noise, such as 762.0000001 s, from rounding up a whole tenth.
  const tenths = Math.ceil(durationSeconds / 6 - 1e-6);
  return (tenths / 10).toFixed(1);
}

/** Formats minutes without a trailing ".0", such as "28" or "27.5". */
export function formatMinutes(minutes: number): string {
  return Number.isInteger(minutes) ? String(minutes) : String(Math.round(minutes * 10) / 10);
}
