// The delivery address of an order: the required fields present and not blank, the optional ones
// strings when given. Normalized for storage: the country upper-cased, an optional field that is
// null, missing or blank left out.
import type { AddressItem } from '../../../domain/order.ts';

const REQUIRED = ['name', 'streetAddress', 'city', 'country', 'phoneNumber'] as const;
const OPTIONAL = ['companyName', 'postCode', 'state'] as const;

/** The address, or undefined when `problems` got one. */
export function parseAddress(value: unknown, problems: string[]): AddressItem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('address must be an object with name, streetAddress, city, country and phoneNumber.');
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  const before = problems.length;
  for (const name of REQUIRED) {
    if (typeof fields[name] !== 'string' || fields[name].trim() === '')
      problems.push(`address.${name} must be given and not blank.`);
  }
  for (const name of OPTIONAL) {
    if (fields[name] !== undefined && fields[name] !== null && typeof fields[name] !== 'string')
      problems.push(`address.${name} must be a string when given.`);
  }
  if (problems.length > before) return undefined;
  const text = fields as Record<string, string | null | undefined>;
  const optional = OPTIONAL.flatMap((name) => (text[name]?.trim() ? [[name, text[name]] as const] : []));
  return {
    name: text.name!,
    streetAddress: text.streetAddress!,
    city: text.city!,
    country: text.country!.trim().toUpperCase(),
    phoneNumber: text.phoneNumber!,
    ...Object.fromEntries(optional),
  };
}
