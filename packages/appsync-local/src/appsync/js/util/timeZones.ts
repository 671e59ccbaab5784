// Time zones for util.time, resolved like java.time.ZoneId.of: "Z", "UTC"/"GMT"/"UT", fixed
// offsets ("+08:00", "+8", "-07:00:30", "UTC+8"), and region ids ("Europe/Berlin"), whose
// offsets come from the platform's tz database through Intl.

export interface Zone {
  /** The normalized id, as java.time prints it with the 'VV' pattern. */
  readonly id: string;
  /** The fixed offset in seconds, or undefined for a region with rules. */
  readonly fixedOffsetSeconds: number | undefined;
  /** The offset from UTC, in seconds, in force at the instant. */
  offsetSecondsAt(epochMilliseconds: number): number;
}

export const UTC_ZONE: Zone = createFixedZone('UTC', 0);

const MAX_OFFSET_SECONDS = 18 * 3600;
const OFFSET_ID = /^(UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const regionZones = new Map<string, Zone>();

/** Resolves a zone id; an unknown id is an error, as in Java. */
export function resolveZone(id: string): Zone {
  if (id === 'Z') {
    return createFixedZone('Z', 0);
  }
  if (id === 'UTC' || id === 'GMT' || id === 'UT') {
    return createFixedZone(id, 0);
  }
  const offset = OFFSET_ID.exec(id);
  if (offset) {
    return createOffsetZone(offset);
  }
  return createRegionZone(id);
}

/** "+08:00", "-07:00:30" or "Z": how java.time names a fixed offset. */
export function formatOffsetId(offsetSeconds: number): string {
  if (offsetSeconds === 0) {
    return 'Z';
  }
  const sign = offsetSeconds < 0 ? '-' : '+';
  const absolute = Math.abs(offsetSeconds);
  const hours = Math.floor(absolute / 3600);
  const minutes = Math.floor((absolute % 3600) / 60);
  const seconds = absolute % 60;
  const base = `${sign}${padTwoDigits(hours)}:${padTwoDigits(minutes)}`;
  return seconds === 0 ? base : `${base}:${padTwoDigits(seconds)}`;
}

function createOffsetZone(match: RegExpExecArray): Zone {
  const [, prefix, sign, hoursText, minutesText, secondsText] = match;
  const hours = Number(hoursText);
  const minutes = Number(minutesText ?? '0');
  const seconds = Number(secondsText ?? '0');
  const total = (hours * 3600 + minutes * 60 + seconds) * (sign === '-' ? -1 : 1);
  if (minutes > 59 || seconds > 59 || Math.abs(total) > MAX_OFFSET_SECONDS) {
    throw new Error(`Invalid ID for ZoneOffset, value out of range: ${match[0]}`);
  }
  const offsetId = formatOffsetId(total);
  if (prefix === undefined) {
    return createFixedZone(offsetId, total);
  }
  return createFixedZone(total === 0 ? prefix : `${prefix}${offsetId}`, total);
}

function createFixedZone(id: string, offsetSeconds: number): Zone {
  return { id, fixedOffsetSeconds: offsetSeconds, offsetSecondsAt: () => offsetSeconds };
}

function createRegionZone(id: string): Zone {
  const cached = regionZones.get(id);
  if (cached) {
    return cached;
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    throw new Error(`Unknown time-zone ID: ${id}`);
  }
  const resolved = formatter.resolvedOptions().timeZone;
  if (resolved !== id && resolved.toLowerCase() === id.toLowerCase()) {
    // java.time zone ids are case-sensitive; Intl is not
    throw new Error(`Unknown time-zone ID: ${id}`);
  }
  const zone: Zone = {
    id,
    fixedOffsetSeconds: undefined,
    offsetSecondsAt: (epochMilliseconds) => computeRegionOffsetSeconds(formatter, epochMilliseconds),
  };
  regionZones.set(id, zone);
  return zone;
}

function computeRegionOffsetSeconds(formatter: Intl.DateTimeFormat, epochMilliseconds: number): number {
  const wholeSecond = Math.floor(epochMilliseconds / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(wholeSecond))) {
    fields[part.type] = part.value;
  }
  const yearOfEra = Number(fields.year);
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const localAsUtc = Date.UTC(
    2000,
    Number(fields.month) - 1,
    Number(fields.day),
    Number(fields.hour),
    Number(fields.minute),
    Number(fields.second),
  );
  const shifted = new Date(localAsUtc);
  shifted.setUTCFullYear(year);
  return Math.round((shifted.getTime() - wholeSecond) / 1000);
}

/**
 * The instant of a local date-time in the zone, resolved like ZonedDateTime.ofLocal: in an
 * overlap the earlier offset wins, and a time in a gap moves later by the length of the gap.
 */
export function localToEpochMilliseconds(localAsUtcMilliseconds: number, zone: Zone): number {
  if (zone.fixedOffsetSeconds !== undefined) {
    return localAsUtcMilliseconds - zone.fixedOffsetSeconds * 1000;
  }
  const halfDay = 12 * 3600 * 1000;
  const before = zone.offsetSecondsAt(localAsUtcMilliseconds - halfDay);
  const after = zone.offsetSecondsAt(localAsUtcMilliseconds + halfDay);
  const valid = [before, after].filter((offset) => zone.offsetSecondsAt(localAsUtcMilliseconds - offset * 1000) === offset);
  if (valid.length === 0) {
    return localAsUtcMilliseconds - before * 1000;
  }
  return localAsUtcMilliseconds - Math.max(...valid) * 1000;
}

// Intl's en-US short names outside the Americas are "GMT+1"-style; Java prints these instead.
const SHORT_NAMES: Readonly<Record<string, string>> = {
  'Central European Standard Time': 'CET',
  'Central European Summer Time': 'CEST',
  'Eastern European Standard Time': 'EET',
  'Eastern European Summer Time': 'EEST',
  'Western European Standard Time': 'WET',
  'Western European Summer Time': 'WEST',
  'Greenwich Mean Time': 'GMT',
  'British Summer Time': 'BST',
  'Japan Standard Time': 'JST',
  'Korean Standard Time': 'KST',
  'China Standard Time': 'CST',
  'India Standard Time': 'IST',
  'Singapore Standard Time': 'SGT',
  'Australian Eastern Standard Time': 'AEST',
  'Australian Eastern Daylight Time': 'AEDT',
  'Australian Western Standard Time': 'AWST',
  'Coordinated Universal Time': 'UTC',
};

/** The zone's name at the instant, as the 'z' (short) and 'zzzz' (full) patterns print it. */
export function describeZoneName(zone: Zone, epochMilliseconds: number, full: boolean): string {
  if (zone.fixedOffsetSeconds !== undefined) {
    return zone.id;
  }
  const longName = readIntlZoneName(zone.id, epochMilliseconds, 'long');
  if (full) {
    return longName;
  }
  const shortName = readIntlZoneName(zone.id, epochMilliseconds, 'short');
  return shortName.startsWith('GMT') ? (SHORT_NAMES[longName] ?? shortName) : shortName;
}

function readIntlZoneName(zoneId: string, epochMilliseconds: number, style: 'long' | 'short'): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zoneId, timeZoneName: style })
    .formatToParts(new Date(epochMilliseconds))
    .find((part) => part.type === 'timeZoneName');
  return name?.value ?? zoneId;
}

function padTwoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
