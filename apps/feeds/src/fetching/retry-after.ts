const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`);
const RFC_850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`);

/**
 * When a `Retry-After` value says to come back (RFC 9110 §10.2.3: delay-seconds or an HTTP-date),
 * clamped to `[nowMs, nowMs + maxMs]` so a hostile or broken server cannot park a source forever.
 * Null when the value is neither form; the caller then applies its default.
 */
export function retryAfterUntilMs(value: string | undefined, nowMs: number, maxMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return nowMs + Math.min(Number(text) * 1000, maxMs);
  // Date.parse alone accepts almost anything ("x 2" is February 2001), so only the three HTTP-date forms get that far.
  let date = Number.NaN;
  if (IMF_FIXDATE.test(text) || RFC_850.test(text)) date = Date.parse(text);
  else if (ASCTIME.test(text)) date = Date.parse(`${text} GMT`);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date, nowMs), nowMs + maxMs);
}
