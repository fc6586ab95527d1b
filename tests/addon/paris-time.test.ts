// Paris time in the add-on, under fixed clocks at 21:30, 22:30 and 23:30 UTC in summer and in
// winter (tests/worker/clocks.ts). Calendar dates and instants are told apart: an instant
// (`updatedAt`, `lastSeenAt`) is shown as its Paris day — through Utilities.formatDate on Apps
// Script's side, Intl in the sidebars — never as the UTC date its text starts with. The harness
// fakes Utilities.formatDate as Google documents it, and the script's clock, which a test fixes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result, SidebarContext } from '../../addon/api';
import { changedMeanwhile } from '../../addon/messages';
import { parisClock } from '../../addon/paris';
import { job, mirrorTabs } from '../../addon/sheet-mirror';
import { SESSIONS } from '../../addon/tabs';
import { formatDate, parseDate } from '../../harness/apps-script-dates';
import { createFakes } from '../../harness/fakes';
import { loadAddon } from '../../harness/runtime';
import { intlClock } from '../../shared/dates';
import { frInstant, frShortDate } from '../../shared/i18n/typography';
import { CLOCKS, shortDay } from '../worker/clocks';
import { createTerritory, sessionInput, uid, useAddonWorker } from './fixtures';

describe('Utilities.formatDate and parseDate, as documented', () => {
  const d = new Date('2025-03-30T00:59:59.250Z');
  it('formats in the zone given, with Java’s pattern letters and quoted text', () => {
    expect(formatDate(d, 'Europe/Paris', 'yyyy-MM-dd HH:mm:ss')).toBe('2025-03-30 01:59:59');
    // One minute later Paris has moved to summer time.
    expect(formatDate(new Date(d.getTime() + 1000), 'Europe/Paris', 'dd/MM/yyyy HH:mm Z')).toBe(
      '30/03/2025 03:00 +0200',
    );
    expect(formatDate(d, 'America/New_York', "EEE, d MMM yy 'à' h:mm a X")).toBe(
      'Sat, 29 Mar 25 à 8:59 PM -04',
    );
    expect(formatDate(d, 'GMT', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2025-03-30T00:59:59.250Z');
    expect(formatDate(d, 'GMT+2', "EEEE d MMMM yyyy, ''HH''")).toBe("Sunday 30 March 2025, '02'");
    // Java reads an ID it does not know as GMT.
    expect(formatDate(d, 'Paris', 'HH:mm')).toBe('00:59');
  });
  it('parses a wall-clock time in the zone given, leniently as Java does', () => {
    expect(parseDate('2025-07-15', 'Europe/Paris', 'yyyy-MM-dd').toISOString()).toBe(
      '2025-07-14T22:00:00.000Z',
    );
    expect(parseDate('15/12/2025 08:30', 'Europe/Paris', 'dd/MM/yyyy HH:mm').toISOString()).toBe(
      '2025-12-15T07:30:00.000Z',
    );
    expect(parseDate('2025-10-32', 'GMT', 'yyyy-MM-dd').toISOString()).toBe('2025-11-01T00:00:00.000Z');
    expect(() => parseDate('15 juillet', 'GMT', 'yyyy-MM-dd')).toThrow(/Unparseable date/);
  });
});

describe('dates and instants', () => {
  it('keeps a calendar date as it is, and never cuts an instant to its UTC date', () => {
    expect(frShortDate('2025-07-15')).toBe('15/07/2025');
    expect(frShortDate('2025-07-14T23:30:00.000Z')).toBe('2025-07-14T23:30:00.000Z');
  });
});

describe.each(CLOCKS)('at $label', (clock) => {
  const fakes = createFakes('/nonexistent');
  const utilities = { formatDate };
  afterEach(() => {
    delete (globalThis as { Utilities?: unknown }).Utilities;
  });

  it('shows an instant as its Paris day and time, on Apps Script’s side and in the sidebars', () => {
    expect(frInstant(clock.at)).toBe(shortDay(clock.paris));
    expect(frInstant(clock.at, { time: true })).toBe(clock.wall.replace(' ', ' à '));
    expect(intlClock()(clock.at)).toEqual({ day: shortDay(clock.paris), time: clock.wall.slice(11) });
    Object.assign(globalThis, { Utilities: utilities });
    expect(parisClock(clock.at)).toEqual({ day: shortDay(clock.paris), time: clock.wall.slice(11) });
  });

  it('says on which Paris day a colleague changed a record, wherever the message is made', () => {
    const expected = `Cette séance a été modifiée par admin@ademe.example le ${shortDay(clock.paris)} depuis`;
    const what = { text: 'Cette séance', feminine: true };
    expect(changedMeanwhile(what, 'admin@ademe.example', clock.at)).toContain(expected);
    Object.assign(globalThis, { Utilities: utilities });
    expect(changedMeanwhile(what, 'admin@ademe.example', clock.at)).toContain(expected);
  });

  it('writes an instant into a tab as the Paris date and time staff read', () => {
    Object.assign(globalThis, fakes.globals);
    const s = { ...sessionInput('t-paris'), createdAt: clock.at, createdBy: 'claire@amo.example' };
    fakes.execute(() =>
      mirrorTabs([job(SESSIONS, [s as never])], { territory: String, partner: String, person: String }),
    );
    const [head = [], row = []] = fakes.spreadsheet.getSheetByName('Séances')!.displayGrid();
    expect(row[head.indexOf('Saisie le')]).toBe(clock.wall);
    expect(row[head.indexOf('Date')]).toBe('12/03/2025');
  });
});

const CLAIRE = 'claire.paris@amo.example';
const env = useAddonWorker({ consultants: [CLAIRE] });

describe('the add-on’s own clock', () => {
  let territoryId = '';
  beforeEach(async () => {
    if (territoryId) return;
    territoryId = uid('t');
    await createTerritory(env.worker.api, {
      id: territoryId,
      name: 'Territoire de Paris',
      insee: '81004',
      consultant: CLAIRE,
    });
  });

  it.each(CLOCKS)('offers the Paris day as a new entry’s date, at $label', (clock) => {
    const state = env.spreadsheet();
    state.now = () => Date.parse(clock.at);
    const claire = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: CLAIRE, state });
    const ctx = claire.run('loadContext', 'journal') as Result<SidebarContext>;
    expect(ctx.ok && ctx.data.today, JSON.stringify(ctx)).toBe(clock.paris);
  });
});
