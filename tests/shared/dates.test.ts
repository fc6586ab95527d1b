import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  daysBetween,
  isTimeZone,
  zonedDate,
  zonedDayStart,
  zonedOffsetMinutes,
} from '../../shared/dates';

/** An instant, the zone asked for (Paris when none) and the day it falls on there. */
const INSTANT_DAYS: [string, string | undefined, string][] = [
  ['2025-03-10T22:30:00Z', undefined, '2025-03-10'], // 23:30 Paris
  ['2025-03-10T23:30:00Z', undefined, '2025-03-11'], // 00:30 Paris
  ['2025-06-30T21:30:00Z', undefined, '2025-06-30'], // 23:30 Paris (UTC+2)
  ['2025-06-30T22:30:00Z', undefined, '2025-07-01'], // 00:30 Paris
  ['2025-06-30T22:30:00Z', 'UTC', '2025-06-30'],
  ['2025-06-30T22:30:00Z', 'Unknown/Zone', '2025-07-01'],
];

describe('Paris dates (shared/dates.ts)', () => {
  it.each(INSTANT_DAYS)(
    'an instant’s day is its Paris day: %s (zone %s) falls on %s',
    (instant, zone, day) => {
      expect(zonedDate(instant, zone)).toBe(day);
    },
  );

  it('a Paris day starts at 23:00 or 22:00 UTC the day before, DST days included', () => {
    expect(zonedDayStart('2025-03-11')).toBe('2025-03-10T23:00:00.000Z');
    expect(zonedDayStart('2025-07-01')).toBe('2025-06-30T22:00:00.000Z');
    expect(zonedDayStart('2025-03-30')).toBe('2025-03-29T23:00:00.000Z'); // clocks go forward at 02:00
    expect(zonedDayStart('2025-03-31')).toBe('2025-03-30T22:00:00.000Z');
    expect(zonedDayStart('2025-10-26')).toBe('2025-10-25T22:00:00.000Z'); // clocks go back at 03:00
    expect(zonedDayStart('2025-10-27')).toBe('2025-10-26T23:00:00.000Z');
    expect(zonedDayStart('2025-03-10', 'Europe/Paris', 1)).toBe('2025-03-10T23:00:00.000Z');
    expect(zonedDayStart('2025-03-10', 'America/Cayenne')).toBe('2025-03-10T03:00:00.000Z');
  });

  it('says how far Paris is ahead of UTC, on both sides of the DST changes, to the minute', () => {
    expect(zonedOffsetMinutes('2025-03-30T00:59:59.900Z')).toBe(60);
    expect(zonedOffsetMinutes('2025-03-30T01:00:00Z')).toBe(120);
    expect(zonedOffsetMinutes('2025-10-26T00:59:00Z')).toBe(120);
    expect(zonedOffsetMinutes('2025-10-26T01:00:00Z')).toBe(60);
    expect(zonedOffsetMinutes('2025-06-30T12:00:00Z', 'UTC')).toBe(0);
    expect(zonedOffsetMinutes(Date.parse('2025-06-30T12:00:00Z'), 'America/New_York')).toBe(-240);
  });

  it('counts calendar days and years', () => {
    expect(daysBetween('2025-03-10', '2025-04-24')).toBe(45);
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-03-01', -60)).toBe('2024-12-31');
    expect(addYears('2025-02-01', -1)).toBe('2024-02-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2026-06-30', 2)).toBe('2028-06-30');
  });

  it('knows the time zones Intl knows', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Indian/Reunion')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
