/** Normalises an ISO 8601 instant with an offset to UTC with milliseconds, the one stored form. */
export function toUtcIso(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${value}`);
  return new Date(ms).toISOString();
}

/** Hours between two ISO instants (b − a), fractional. */
export function hoursBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 3_600_000;
}

export function addHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}
