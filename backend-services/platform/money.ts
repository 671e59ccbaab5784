// Money as people read it, for the services that print or send it. Every amount in the system is
// a whole number of minor units (cents); this is the one place that turns one into text, for
// invoices and emails alike.

/** Minor units as text: the currency code and 2 decimals, e.g. `EUR 42.00` (en-GB, plain spaces). */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  // en-GB puts a no-break space after the code; a plain one reads the same and extracts simply.
  return format.format(minorUnits / 100).replace(/\s/gu, ' ');
}
