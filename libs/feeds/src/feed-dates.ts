/**
 * Dates as feeds write them, to an ISO 8601 UTC string (`Date#toISOString`), or undefined when
 * the text is not a date this understands. Accepts RFC 822/2822 (RSS: `Tue, 10 Jun 2003 04:00:00 GMT`,
 * with or without weekday or seconds, two-digit years, named US zones, `+0000`), RFC 3339 and W3C
 * datetime (Atom, sitemaps, JSON Feed: `2003-12-13T18:30:02.25+01:00`, a space instead of `T`,
 * `+0100`, or a bare `2003-12-13`, `2003-12`, `2003`). A value without a zone is taken as UTC.
 * Never throws; out-of-range fields (month 13, 31 April, hour 25) give undefined.
 */
export function parseFeedDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 100) return undefined;
  return parseIsoDate(trimmed) ?? parseRfc822Date(trimmed);
}

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

function parseIsoDate(text: string): string | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, year, month = '1', day = '1', hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const millis = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  return build(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
    offsetMinutes(zone),
  );
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  cet: 60,
  cest: 120,
  bst: 60,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  ist: 330,
  jst: 540,
};

const RFC822 =
  /^(?:[A-Za-z]+,?\s+)?(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?)?$/;

function parseRfc822Date(text: string): string | undefined {
  const match = RFC822.exec(text.replace(/\s+/g, ' '));
  if (!match) return undefined;
  const [, day, monthName, yearText, hour = '0', minute = '0', second = '0', zone] = match;
  const month = MONTHS.indexOf(monthName!.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return undefined;
  let year = Number(yearText);
  // RFC 2822 section 4.3: two-digit years below 50 are 20xx, the rest 19xx.
  if (yearText!.length === 2) year += year < 50 ? 2000 : 1900;
  return build(year, month, Number(day), Number(hour), Number(minute), Number(second), 0, offsetMinutes(zone));
}

/** Minutes east of UTC, 0 when absent, undefined when unknown. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  const sign = zone[0] === '-' ? -1 : zone[0] === '+' ? 1 : 0;
  if (sign === 0) return ZONES[zone.toLowerCase()];
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offset: number | undefined,
): string | undefined {
  if (offset === undefined || year < 1000 || year > 9999 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  // A leap second is kept as the last second of its minute.
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offset * 60_000;
  const date = new Date(time);
  const utcYear = date.getUTCFullYear();
  return utcYear < 1000 || utcYear > 9999 ? undefined : date.toISOString();
}
