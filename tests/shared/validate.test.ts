import { describe, expect, it } from 'vitest';
import { frDate } from '../../shared/i18n/messages';
import { SessionInput, TerritoryInput } from '../../shared/schemas';
import { validate } from '../../shared/schemas/validate';

describe('shared validation (the add-on runs the same code)', () => {
  it('accepts a valid session and gives French messages with paths otherwise', () => {
    const ok = validate(SessionInput, {
      kind: 'copil',
      date: '2025-05-27',
      durationMinutes: 90,
      mode: 'on-site',
      participants: 8,
      summary: 'COPIL phase 2',
    });
    expect(ok.ok).toBe(true);
    const bad = validate(SessionInput, {
      kind: 'copil',
      date: '2025-02-29',
      durationMinutes: 0,
      mode: 'on-site',
      participants: 8,
    });
    expect(bad).toEqual({
      ok: false,
      issues: [
        { path: 'date', message: 'Valeur attendue\u00a0: une date réelle au format AAAA-MM-JJ.' },
        { path: 'durationMinutes', message: 'La valeur doit être au moins 1.' },
        { path: 'summary', message: 'Ce champ est obligatoire.' },
      ],
    });
  });

  it('checks nested paths and formats', () => {
    const bad = validate(TerritoryInput, {
      name: 'T',
      legalForm: 'ca',
      centralCityInsee: '81004',
      consultants: ['ok@x.fr', 'pas-un-email'],
      contacts: [{ name: '', role: 'R', phone: 'abc' }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.path)).toEqual(['consultants.1', 'contacts.0.name', 'contacts.0.phone']);
      expect(bad.issues[0]!.message).toBe('Valeur attendue\u00a0: une adresse e-mail valide.');
    }
  });

  it('formats dates the French way', () => {
    expect(frDate('2025-03-01')).toBe('1er\u00A0mars\u00A02025');
    expect(frDate('2026-06-30')).toBe('30\u00A0juin\u00A02026');
  });
});

describe('missing choices', () => {
  it('a missing enum value reads as a required field, like any missing field', () => {
    const res = validate(SessionInput, {
      date: '2025-05-27',
      durationMinutes: 90,
      participants: 8,
      summary: 'COPIL',
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.issues).toEqual([
        { path: 'kind', message: 'Ce champ est obligatoire.' },
        { path: 'mode', message: 'Ce champ est obligatoire.' },
      ]);
    }
  });
});
