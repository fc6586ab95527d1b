// Utilities.formatDate and Utilities.parseDate as Google documents them: a Date and a time
// zone ID ("Europe/Paris", "GMT+2"…) with a Java SimpleDateFormat pattern — letters repeated for
// width (yyyy, yy, MM, MMM, MMMM, dd, HH, hh, mm, ss, SSS, EEE, a, Z, X), text between single
// quotes, '' for a quote. Names are English, the servers' locale. Like Java, an unknown zone is
// read as GMT and parsing is lenient (the 32nd of October is the 1st of November).
import { isTimeZone, zonedOffsetMinutes } from '../shared/dates';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Java's rule: an ID it does not know is GMT. "GMT+2", "GMT-03:30" are fixed offsets. */
function zoneOffset(at: Date, timeZone: string): number {
  const fixed = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  return isTimeZone(timeZone) ? zonedOffsetMinutes(at, timeZone) : 0;
}

type Token = { letter: string; width: number } | { text: string };

/** A SimpleDateFormat pattern as tokens: runs of one letter, and literal text. */
function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      const text = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      out.push({ text: text === '' ? "'" : text });
      i = end < 0 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out.push({ letter: ch, width: j - i });
      i = j;
    } else {
      out.push({ text: ch });
      i++;
    }
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function offsetText(minutes: number, letter: string, width: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const [h, m] = [Math.floor(Math.abs(minutes) / 60), Math.abs(minutes) % 60];
  if (letter === 'X') {
    if (minutes === 0) return 'Z';
    return width === 1
      ? `${sign}${pad(h, 2)}`
      : width === 2
        ? `${sign}${pad(h, 2)}${pad(m, 2)}`
        : `${sign}${pad(h, 2)}:${pad(m, 2)}`;
  }
  return letter === 'Z' ? `${sign}${pad(h, 2)}${pad(m, 2)}` : `GMT${sign}${pad(h, 2)}:${pad(m, 2)}`;
}

/** One field of the wall clock `w` (a Date whose UTC fields hold the zone's reading). */
function field(w: Date, letter: string, width: number, offset: number): string {
  const hour = w.getUTCHours();
  switch (letter) {
    case 'y':
      return width === 2 ? pad(w.getUTCFullYear() % 100, 2) : pad(w.getUTCFullYear(), width);
    case 'M':
      if (width >= 4) return MONTHS[w.getUTCMonth()]!;
      return width === 3 ? MONTHS[w.getUTCMonth()]!.slice(0, 3) : pad(w.getUTCMonth() + 1, width);
    case 'd':
      return pad(w.getUTCDate(), width);
    case 'E':
      return width >= 4 ? DAYS[w.getUTCDay()]! : DAYS[w.getUTCDay()]!.slice(0, 3);
    case 'H':
      return pad(hour, width);
    case 'h':
      return pad(hour % 12 || 12, width);
    case 'a':
      return hour < 12 ? 'AM' : 'PM';
    case 'm':
      return pad(w.getUTCMinutes(), width);
    case 's':
      return pad(w.getUTCSeconds(), width);
    case 'S':
      return pad(w.getUTCMilliseconds(), width);
    case 'Z':
    case 'X':
    case 'z':
      return offsetText(offset, letter, width);
    default:
      throw new Error(`Exception: Illegal pattern character '${letter}'`);
  }
}

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const offset = zoneOffset(date, String(timeZone));
  const wall = new Date(date.getTime() + offset * 60_000);
  return tokens(String(pattern))
    .map((t) => ('text' in t ? t.text : field(wall, t.letter, t.width, offset)))
    .join('');
}

const NUMERIC: Record<string, keyof Fields> = {
  y: 'year',
  M: 'month',
  d: 'day',
  H: 'hour',
  m: 'minute',
  s: 'second',
};
interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The text read with the pattern's numeric fields, as a wall-clock time in the zone. */
export function parseDate(text: string, timeZone: string, pattern: string): Date {
  const parts = tokens(String(pattern));
  const source = parts
    .map((t) =>
      'text' in t
        ? t.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        : NUMERIC[t.letter]
          ? '(\\d{1,4})'
          : '(.+?)',
    )
    .join('');
  const m = new RegExp(`^${source}`).exec(String(text));
  if (!m) throw new Error(`Exception: Unparseable date: "${text}"`);
  const f: Fields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let g = 1;
  for (const t of parts) {
    if ('text' in t) continue;
    const value = m[g++]!;
    const name = NUMERIC[t.letter];
    if (name) f[name] = Number(value);
  }
  // Lenient, as Java is: Date.UTC carries a day or a month past its end into the next.
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  let at = wall - zoneOffset(new Date(wall), String(timeZone)) * 60_000;
  at = wall - zoneOffset(new Date(at), String(timeZone)) * 60_000;
  return new Date(at);
}
