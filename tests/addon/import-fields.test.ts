// How the import reads what staff write, cell by cell: pure functions, no worker.
import { describe, expect, it } from 'vitest';
import {
  fromLabel,
  IMPORT_TARGETS,
  parseDate,
  parseDuration,
  suggestMapping,
} from '../../addon/import-fields';
import { directory, shortName } from '../../addon/import-names';
import { LABELS } from '../../shared/i18n/labels';

const field = (name: string) => IMPORT_TARGETS.sessions.fields.find((f) => f.name === name)!;

describe('reading cells', () => {
  it('reads the dates people write, and names a day the month does not have', () => {
    expect(
      [
        '14/10/2025',
        '1/3/2025',
        '14-10-25',
        '14.10.2025',
        '2025-10-14',
        '1er mars 2025',
        '14 Octobre 2025',
      ].map(parseDate),
    ).toEqual([
      { iso: '2025-10-14' },
      { iso: '2025-03-01' },
      { iso: '2025-10-14' },
      { iso: '2025-10-14' },
      { iso: '2025-10-14' },
      { iso: '2025-03-01' },
      { iso: '2025-10-14' },
    ]);
    expect(['32/10/2025', '29/02/2025', '31/04/2025', '10/13/2025'].map(parseDate)).toEqual(
      Array(4).fill({ error: 'no-such-day' }),
    );
    expect(parseDate('29/02/2024')).toEqual({ iso: '2024-02-29' });
    expect(['lundi', '2025', '14/10'].map(parseDate)).toEqual(Array(3).fill({ error: 'unreadable' }));
  });

  it('reads durations in minutes, hours and the tender’s days', () => {
    const read = (t: string) => parseDuration(t, 420);
    expect(
      [
        '90',
        '2 h',
        '2h',
        '1 h 30',
        '1h30',
        '1,5 h',
        '45 min',
        '45 mn',
        '½ journée',
        'demi-journée',
        '1 j',
        '1 journée',
        '2 jours',
      ].map(read),
    ).toEqual([90, 120, 120, 90, 90, 90, 45, 45, 210, 210, 420, 420, 840]);
    expect(read('beaucoup')).toBeUndefined();
  });
});

describe('reading words', () => {
  it('reads kinds and modes from their labels, codes or the words of staff’s own logs', () => {
    const kind = (t: string) => fromLabel(LABELS.sessionKind, t, field('kind').aliases);
    const mode = (t: string) => fromLabel(LABELS.sessionMode, t, field('mode').aliases);
    expect(
      ['Entretien individuel', 'APPUI', 'Comité de pilotage', 'point mensuel', 'diagnostic', 'copil'].map(
        kind,
      ),
    ).toEqual(['territory-interview', 'collective-support', 'copil', 'ademe-monthly', 'diagnostic', 'copil']);
    expect(
      ['visio', 'Visioconférence', 'présentiel', 'Sur place', 'à distance', 'on-site'].map(mode),
    ).toEqual(['remote', 'remote', 'on-site', 'on-site', 'remote', 'on-site']);
    expect(kind('Réunion')).toBeUndefined();
  });

  it('suggests columns from headers, each header used once', () => {
    expect(
      suggestMapping('sessions', [
        'Date',
        'Nature',
        'Collectivité',
        'Temps passé',
        'Lieu',
        'Présents',
        'Compte rendu',
      ]),
    ).toMatchObject({
      date: 'Date',
      kind: 'Nature',
      territoryId: 'Collectivité',
      durationMinutes: 'Temps passé',
      mode: 'Lieu',
      participants: 'Présents',
      summary: 'Compte rendu',
    });
  });
});

describe('naming a territory', () => {
  const dir = directory(
    [
      { id: 't-albi', name: 'Communauté d’agglomération de l’Albigeois', centralCity: { name: 'Albi' } },
      { id: 't-tarbes', name: 'Tarbes-Lourdes-Pyrénées', centralCity: { name: 'Tarbes' } },
      { id: 't-auch', name: 'Grand Auch Cœur de Gascogne', centralCity: { name: 'Auch' } },
      { id: 't-figeac', name: 'Communauté de communes Grand-Figeac', centralCity: { name: 'Figeac' } },
    ],
    [
      { id: 'p-1', name: 'La Poste', territoryId: 't-albi' },
      { id: 'p-2', name: 'La Poste', territoryId: 't-tarbes' },
    ],
  );

  it('by its name, its usual short name, its central city, its id or a whole word of its name', () => {
    expect(shortName('Communauté d’agglomération de l’Albigeois')).toBe('albigeois');
    expect(shortName('PETR du Pays Lauragais')).toBe('lauragais');
    expect(shortName('Rodez Agglomération')).toBe('rodez');
    expect(
      [
        'Albi',
        'albigeois',
        'ALBIGEOIS',
        'Tarbes',
        'Lourdes',
        'coeur de gascogne',
        'Grand-Figeac',
        't-auch',
      ].map((t) => dir.territory(t)),
    ).toEqual([
      { id: 't-albi' },
      { id: 't-albi' },
      { id: 't-albi' },
      { id: 't-tarbes' },
      { id: 't-tarbes' },
      { id: 't-auch' },
      { id: 't-figeac' },
      { id: 't-auch' },
    ]);
  });

  it('says a word could mean two rather than guess, and a partner is looked for in the row’s territory', () => {
    expect(dir.territory('Grand')).toEqual({
      error: 'ambiguous',
      candidates: ['Grand Auch Cœur de Gascogne', 'Communauté de communes Grand-Figeac'],
    });
    expect(dir.territory('Montauban')).toEqual({ error: 'unknown' });
    expect(dir.partner('La Poste', 't-tarbes')).toEqual({ id: 'p-2' });
    expect(dir.partner('La Poste')).toMatchObject({
      error: 'ambiguous',
      candidates: ['La Poste (p-1)', 'La Poste (p-2)'],
    });
  });
});
