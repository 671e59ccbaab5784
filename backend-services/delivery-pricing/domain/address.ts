// The delivery address of a quote: the required fields present and not blank, the optional ones
// strings when given.
import { InvalidInputError } from '../../platform/errors.ts';

export interface Address {
  readonly name: string;
  readonly companyName?: string | null;
  readonly streetAddress: string;
  readonly postCode?: string | null;
  readonly city: string;
  readonly state?: string | null;
  readonly country: string;
  readonly phoneNumber: string;
}

const REQUIRED = ['name', 'streetAddress', 'city', 'country', 'phoneNumber'] as const;
const OPTIONAL = ['companyName', 'postCode', 'state'] as const;

export function parseAddress(value: unknown): Address {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError('address must be an object with name, streetAddress, city, country and phoneNumber.');
  }
  const fields = value as Record<string, unknown>;
  const missing = REQUIRED.filter((name) => typeof fields[name] !== 'string' || (fields[name] as string).trim() === '');
  if (missing.length > 0) throw new InvalidInputError(`address.${missing.join(', address.')} must be given and not blank.`);
  const malformed = OPTIONAL.filter(
    (name) => fields[name] !== undefined && fields[name] !== null && typeof fields[name] !== 'string',
  );
  if (malformed.length > 0) throw new InvalidInputError(`address.${malformed.join(', address.')} must be a string when given.`);
  return fields as unknown as Address;
}
