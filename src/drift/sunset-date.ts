/** `x-sunset` dates, as oasdiff reads them: an RFC 3339 full date or date-time. */

/** The calendar day of an `x-sunset` value (`2026-12-31`), or undefined when it is not a date. */
export function parseSunset(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ].*)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = date.toISOString().slice(0, 10);
  return iso === `${year}-${month}-${day}` ? iso : undefined;
}

/** Today's calendar day in UTC (`2026-12-07`). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
