// Money and dates in the reader's language. Money arrives from the API as an exact decimal
// string and is formatted as a string (Intl.NumberFormat v3), never turned into a float.

// English as read in the region: day before month (3 November 1989), as in British usage
const locale = (lng: string) => (lng === 'en' ? 'en-GB' : lng);

export function formatMoney(amount: string, currency: string, lng: string): string {
  const format = new Intl.NumberFormat(locale(lng), { style: 'currency', currency, currencyDisplay: 'code' });
  return format.format(amount as Intl.StringNumericLiteral);
}

/** A date-only value (YYYY-MM-DD) or an instant, as the day it names (UTC: a date has no time zone). */
export function formatDate(value: string, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(value));
}
