// The clocks every Paris-time test runs under: 21:30, 22:30 and 23:30 UTC, in summer (Paris is
// UTC+2: the last two are already the next day there) and in winter (UTC+1: only the last).
// A UTC date cut from an instant is wrong at two of the six; the Paris day is right at all.
export interface Clock {
  /** The instant, ISO 8601 UTC. */
  at: string;
  /** Its calendar date in Paris. */
  paris: string;
  /** Its Paris wall clock, « JJ/MM/AAAA HH:MM ». */
  wall: string;
  label: string;
}

export const CLOCKS: readonly Clock[] = [
  {
    at: '2025-07-14T21:30:00.000Z',
    paris: '2025-07-14',
    wall: '14/07/2025 23:30',
    label: 'summer 21:30 UTC',
  },
  {
    at: '2025-07-14T22:30:00.000Z',
    paris: '2025-07-15',
    wall: '15/07/2025 00:30',
    label: 'summer 22:30 UTC',
  },
  {
    at: '2025-07-14T23:30:00.000Z',
    paris: '2025-07-15',
    wall: '15/07/2025 01:30',
    label: 'summer 23:30 UTC',
  },
  {
    at: '2025-12-06T21:30:00.000Z',
    paris: '2025-12-06',
    wall: '06/12/2025 22:30',
    label: 'winter 21:30 UTC',
  },
  {
    at: '2025-12-06T22:30:00.000Z',
    paris: '2025-12-06',
    wall: '06/12/2025 23:30',
    label: 'winter 22:30 UTC',
  },
  {
    at: '2025-12-06T23:30:00.000Z',
    paris: '2025-12-07',
    wall: '07/12/2025 00:30',
    label: 'winter 23:30 UTC',
  },
];

/** 2025-07-15 → 15/07/2025. */
export const shortDay = (day: string) => day.split('-').reverse().join('/');
