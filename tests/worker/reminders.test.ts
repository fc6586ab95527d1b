// Reminders: the nightly check e-mails each consultant what is due from them (sessions not
// logged for three weeks, the monthly ADEME point, indicator values, blockers without news,
// documents to produce), unless they turned it off in PUT /v1/me; a simulation sends nothing;
// the same list goes again only a week later. The caller's own list is in the snapshot too.
// Records are written under fixed clocks (Date only is faked), so their ages are exact.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../../worker/env';
import { reminderText } from '../../worker/nightly/reminder-mail';
import { blocker, session } from './bodies';
import { ADMIN, call, counts, makeTerritoryWithPartner, uid } from './helpers';
import { runCheck, workerEnv } from './nightly-support';
import { plain } from './plain';

afterEach(() => {
  vi.useRealTimers();
});
/** Everything written from now on is written at this instant. */
const writingAt = (instant: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
};

/** A send_email binding that records each recipient, then hands the message to the real local binding. */
function recordingMail() {
  const to: string[] = [];
  const binding = workerEnv.SEND_EMAIL!;
  const SEND_EMAIL = {
    send: async (m: EmailMessage) => {
      to.push(m.to);
      return binding.send(m);
    },
  } as SendEmail;
  return { to, env: { SEND_EMAIL, REMINDER_SENDER: 'rappels@veli-velo.example' } satisfies Partial<Env> };
}

/** A consultant's territory, partner and work, written in September 2025. */
async function consultantWithWork() {
  writingAt('2025-07-01T09:00:00Z');
  const { territory, consultant, partner } = await makeTerritoryWithPartner();
  const action = await call('POST', '/v1/actions', {
    as: consultant,
    body: {
      partnerId: partner.id,
      title: `Vélos cargos ${uid('a')}`,
      description: 'Trois vélos cargos prêtés.',
      actors: 'Entreprise',
      implementationDelay: '3 mois',
      blockers: 'Stationnement',
      reproducibility: { ease: 2, duplicationPotential: 2, actorsInvolved: 2 },
    },
  });
  expect(action.status, JSON.stringify(action.body)).toBe(201);
  writingAt('2025-09-01T09:00:00Z');
  const b = await call('POST', '/v1/blockers', {
    as: consultant,
    body: blocker({ territoryId: territory.id }),
  });
  expect(b.status).toBe(201);
  const s = await call('POST', '/v1/sessions', {
    as: consultant,
    body: session({ territoryId: territory.id, date: '2025-09-10', durationMinutes: 60 }),
  });
  expect(s.status).toBe(201);
  vi.useRealTimers();
  return { territory, consultant, partner, action: action.body, blocker: b.body };
}

/** The caller's reminders, as the « Quotas et alertes » sidebar reads them, on `day` (Paris). */
async function remindersOf(email: string, day: string) {
  writingAt(`${day}T10:00:00Z`);
  const res = await call('GET', '/v1/snapshot?parts=reminders', { as: email });
  vi.useRealTimers();
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.reminders as {
    asOf: string;
    items: { kind: string; message: string }[];
    preferences: object;
  };
}

describe('GET and PUT /v1/me', () => {
  it('gives each member their settings, reminders on by default, and lets them change theirs only', async () => {
    const { consultant } = await makeTerritoryWithPartner();
    expect((await call('GET', '/v1/me', { as: consultant })).body.preferences).toEqual({ reminders: true });
    const before = await counts();
    const bad = await call('PUT', '/v1/me', { as: consultant, body: { preferences: { reminders: 'non' } } });
    expect(bad.status).toBe(400);
    expect(await counts()).toEqual(before);
    const off = await call('PUT', '/v1/me', { as: consultant, body: { preferences: { reminders: false } } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({
      email: consultant,
      role: 'consultant',
      preferences: { reminders: false },
    });
    expect((await call('GET', '/v1/me', { as: consultant })).body.preferences).toEqual({ reminders: false });
    expect((await call('GET', '/v1/me')).body.preferences).toEqual({ reminders: true });
    const audit = await call(
      'GET',
      `/v1/audit?entity=preferences&entityId=${encodeURIComponent(consultant)}`,
    );
    expect(audit.body.entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['update', consultant],
    ]);
  });
});

describe('what is due from whom', () => {
  it('lists each consultant’s own: a quiet territory, the ADEME point, indicators, a blocker, a summary', async () => {
    const w = await consultantWithWork();
    const r = await remindersOf(w.consultant, '2025-10-15');
    expect(r.asOf).toBe('2025-10-15');
    const said = r.items.map((i) => plain(i.message));
    expect(said).toEqual(
      expect.arrayContaining([
        `Territoire « ${w.territory.name} » : aucune séance consignée depuis le 10/09/2025 (35 jours) ; saisissez dans le journal les séances tenues depuis.`,
        'Point mensuel ADEME de septembre 2025 non consigné : saisissez-le dans le journal (60 min au plus).',
        `Fiche action « ${w.action.title} » (partenaire « ${w.partner.name} », territoire « ${w.territory.name} ») : aucune valeur d’indicateur saisie depuis sa création ; saisissez la première.`,
        `Verrou « ${w.blocker.title} » (territoire « ${w.territory.name} ») : sans nouvelles depuis le 01/09/2025 (44 jours) ; mettez à jour son statut ou sa solution.`,
      ]),
    );
    expect(r.items.map((i) => i.kind)).toEqual(['sessions', 'ademe-monthly', 'indicators', 'blockers']);
    // Another consultant sees none of this territory's: only what is the whole AMO's.
    const other = await consultantWithWork();
    const theirs = await remindersOf(other.consultant, '2025-10-15');
    expect(theirs.items.filter((i) => i.message.includes(w.territory.name))).toEqual([]);
    // Three weeks after the last session, not before; the point of October once the 20th is past.
    // (on the 30th of September: the session is 20 days old, the blocker 29: neither yet)
    expect((await remindersOf(w.consultant, '2025-09-30')).items.map((i) => i.kind)).toEqual([
      'ademe-monthly',
      'ademe-monthly',
      'indicators',
    ]);
    const late = await remindersOf(w.consultant, '2025-10-22');
    expect(late.items.filter((i) => i.kind === 'ademe-monthly').map((i) => plain(i.message))).toEqual([
      'Point mensuel ADEME de septembre 2025 non consigné : saisissez-le dans le journal (60 min au plus).',
      'Point mensuel ADEME d’octobre 2025 : à tenir avec l’ADEME et à consigner d’ici le 31/10/2025.',
    ]);
  });

  it('asks for the territory summary once the diagnostic is written, and stops once it is generated', async () => {
    const w = await consultantWithWork();
    const put = await call('PUT', `/v1/territories/${w.territory.id}/assessment`, {
      as: w.consultant,
      body: { findings: 'Constat.', stakes: 'Enjeux.', recommendations: 'Recommandations.' },
    });
    expect(put.status).toBe(200);
    const due = (await remindersOf(w.consultant, '2025-10-15')).items.filter((i) => i.kind === 'documents');
    expect(due.map((i) => plain(i.message))).toEqual([
      `Synthèse territoriale de « ${w.territory.name} » à générer et à transmettre : le diagnostic est saisi (« Générer un document »).`,
    ]);
    const doc = await call('POST', '/v1/documents', {
      as: w.consultant,
      body: { type: 'territory-summary', territoryId: w.territory.id },
    });
    expect(doc.status).toBe(201);
    expect(
      (await remindersOf(w.consultant, '2025-10-15')).items.filter((i) => i.kind === 'documents'),
    ).toEqual([]);
  });
});

describe('documents to submit', () => {
  it('asks for a draft left a week unsubmitted and for a version ADEME sent back, to the territory only', async () => {
    const w = await consultantWithWork();
    const other = await makeTerritoryWithPartner();
    writingAt('2025-10-15T09:00:00Z');
    const doc = await call('POST', '/v1/documents', {
      as: w.consultant,
      body: { type: 'territory-summary', territoryId: w.territory.id },
    });
    expect(doc.status).toBe(201);
    const toSubmit = async (as: string, day: string) =>
      (await remindersOf(as, day)).items.filter((i) => i.kind === 'documents').map((i) => plain(i.message));
    expect(await toSubmit(w.consultant, '2025-10-21')).toEqual([]);
    expect(await toSubmit(w.consultant, '2025-10-22')).toEqual([
      `« ${doc.body.title} » : brouillon généré le 15/10/2025 (7 jours) et pas encore soumis ; relisez-le et soumettez-le à l’ADEME (« Générer un document », versions).`,
    ]);
    expect(await toSubmit(other.consultant, '2025-10-22')).toEqual([]);
    // Submitted: nothing due; sent back: due at once, from the day of the review.
    writingAt('2025-10-23T09:00:00Z');
    const acknowledge = doc.body.warnings.map((x: { code: string }) => x.code);
    const sub = await call('POST', `/v1/documents/${doc.body.id}/submit`, {
      as: w.consultant,
      body: { acknowledge },
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(await toSubmit(w.consultant, '2025-11-02')).toEqual([]);
    writingAt('2025-11-03T09:00:00Z');
    const back = await call('POST', `/v1/documents/${doc.body.id}/request-changes`, {
      as: ADMIN,
      body: { comment: 'Précisez les enjeux.' },
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(await toSubmit(w.consultant, '2025-11-03')).toEqual([
      `« ${doc.body.title} » : l’ADEME a demandé des modifications le 03/11/2025 ; corrigez, régénérez puis soumettez la nouvelle version (« Générer un document »).`,
    ]);
  });
});

describe('the nightly e-mail', () => {
  it('goes to each consultant with something due, once a week for the same list, at once when it changes', async () => {
    const w = await consultantWithWork();
    const mail = recordingMail();
    const mine = () => mail.to.filter((t) => t === w.consultant).length;
    expect((await runCheck('2025-10-02', mail.env)).error).toBeNull();
    expect(mine()).toBe(1);
    await runCheck('2025-10-03', mail.env);
    expect(mine()).toBe(1);
    // Something new is due: the new list goes out that night.
    writingAt('2025-09-01T10:00:00Z');
    const late = blocker({ territoryId: w.territory.id, title: 'Assurance des vélos' });
    expect((await call('POST', '/v1/blockers', { as: w.consultant, body: late })).status).toBe(201);
    vi.useRealTimers();
    await runCheck('2025-10-04', mail.env);
    expect(mine()).toBe(2);
    await runCheck('2025-10-10', mail.env);
    expect(mine()).toBe(2);
    // A week after the last one, the same list again.
    await runCheck('2025-10-11', mail.env);
    expect(mine()).toBe(3);
  });

  it('reaches nobody who turned reminders off, and nobody at all in a simulation', async () => {
    const w = await consultantWithWork();
    const other = await consultantWithWork();
    expect(
      (await call('PUT', '/v1/me', { as: other.consultant, body: { preferences: { reminders: false } } }))
        .status,
    ).toBe(200);
    const mail = recordingMail();
    const simulated = await (await import('../../worker/app')).app.request(
      '/v1/checks/run',
      {
        method: 'POST',
        headers: { 'x-dev-user': ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ asOf: '2025-10-15' }),
      },
      { ...workerEnv, ...mail.env },
    );
    expect(simulated.status).toBe(200);
    expect(((await simulated.json()) as { run: { simulated: boolean } }).run.simulated).toBe(true);
    expect(mail.to).toEqual([]);
    await runCheck('2025-10-15', mail.env);
    expect(mail.to).toContain(w.consultant);
    expect(mail.to).not.toContain(other.consultant);
    // Their list is still there for them in the sidebar.
    expect((await remindersOf(other.consultant, '2025-10-15')).items.length).toBeGreaterThan(0);
  });
});

describe('the reminder’s text', () => {
  it('reads in French, grouped by what to do, and says where to find and stop them', () => {
    const { subject, text } = reminderText({
      programmeName: 'VELI VELO Occitanie',
      asOf: '2025-10-15',
      items: [
        {
          kind: 'blockers',
          key: 'b',
          territoryId: 't',
          message: 'Verrou « Coût » (territoire « Albi ») : sans nouvelles.',
        },
        { kind: 'sessions', key: 's', territoryId: 't', message: 'Territoire « Albi » : aucune séance.' },
      ],
    });
    expect(plain(subject)).toBe('[VELI VELO Occitanie] Vos rappels du 15/10/2025 : 2 points à faire');
    const lines = plain(text).split('\r\n');
    expect(lines.slice(0, 9)).toEqual([
      'Bonjour,',
      '',
      'Voici ce qui est attendu de vous dans le programme « VELI VELO Occitanie » au 15/10/2025.',
      '',
      'Séances à consigner (1)',
      '- Territoire « Albi » : aucune séance.',
      '',
      'Verrous sans nouvelles (1)',
      '- Verrou « Coût » (territoire « Albi ») : sans nouvelles.',
    ]);
    expect(text).toContain('\u00a0»');
    expect(plain(text)).toContain('décochez « Recevoir mes rappels par courriel »');
  });
});
