import { LABELS } from '../../shared/i18n/labels';
import { duration, frDate, nf, plural } from '../../shared/i18n/typography';
import type { Quota } from '../../shared/quotas/rules';
import type { BlockerCategory } from '../../shared/schemas/enums';
import { milestoneRows } from './calendar';
import type { Block, Section } from './model';
import type { ProgrammeRecord } from './record';
import { quotaBar, quotaText, tally } from './summary-progress';
import { workshopSession } from './workshop-sheet';

export const SYNTHESIS_HEADINGS = {
  programme: 'Synthèse du programme',
  phase2: 'Synthèse de la phase 2',
  supports: 'Appuis collectifs par territoire',
  workshops: 'Ateliers collectifs tenus',
  lessons: 'Enseignements transversaux',
} as const;

const quotaOf = (r: ProgrammeRecord, territoryId: string, key: Quota['key']) =>
  r.territoryQuotas.get(territoryId)?.find((q) => q.key === key);

const lifted = (list: readonly { status: string }[]) =>
  `${nf(list.filter((b) => b.status === 'resolved').length)} sur ${nf(list.length)}`;

/** Report 1: one comparison table and one figure across the territories. */
export function programmeSynthesis(r: ProgrammeRecord, asOf: string): Section {
  const mpd = r.programme.minutesPerDay;
  const text = (q: Quota | undefined) => (q ? quotaText(q, mpd) : '—');
  const contacts = milestoneRows(r, asOf).find((m) => m.milestone.key === 'territory-contacts');
  const rows = r.territories.map((t) => {
    const blockers = r.blockers.filter((b) => b.territoryId === t.id);
    return [
      t.name,
      text(quotaOf(r, t.id, 'diagnostic')),
      text(quotaOf(r, t.id, 'territory-interview')),
      t.assessment ? 'Rédigée' : 'À rédiger',
      lifted(blockers),
      blockers.length
        ? tally<BlockerCategory>(
            blockers.map((b) => b.category),
            LABELS.blockerCategory,
          )
        : '—',
    ];
  });
  const bars = r.territories.flatMap((t) => {
    const q = quotaOf(r, t.id, 'diagnostic');
    return q ? [quotaBar(q, t.name, mpd)] : [];
  });
  const all = r.blockers;
  const blocks: Block[] = [
    {
      kind: 'p',
      text:
        `${plural(r.territories.length, 'territoire')} accompagné${r.territories.length > 1 ? 's' : ''} au ${frDate(asOf)} ; ` +
        `${plural(r.territories.filter((t) => t.assessment).length, 'synthèse rédigée', 'synthèses rédigées')} ; ` +
        `${plural(all.length, 'verrou consigné', 'verrous consignés')}, dont ${plural(all.filter((b) => b.status === 'resolved').length, 'levé', 'levés')}` +
        `${contacts?.progress ? ` ; prise de contact : ${contacts.progress}` : ''}.`,
    },
    {
      kind: 'table',
      columns: [
        'Territoire',
        'Diagnostic',
        'Entretien',
        'Synthèse',
        'Verrous levés',
        'Verrous par catégorie',
      ],
      widths: [3.4, 1.8, 1.9, 1.5, 1.6, 4],
      rows,
    },
    { kind: 'bars', caption: `Jours de diagnostic consommés par territoire au ${frDate(asOf)}`, rows: bars },
  ];
  return { heading: SYNTHESIS_HEADINGS.programme, level: 2, blocks };
}

function supportsBlocks(r: ProgrammeRecord): Block[] {
  const mpd = r.programme.minutesPerDay;
  const rows = r.territories.map((t) => {
    const own = r.sessions.filter((s) => s.kind === 'collective-support' && s.territoryId === t.id);
    const last = own
      .map((s) => s.date)
      .sort()
      .at(-1);
    const q = quotaOf(r, t.id, 'collective-support');
    return [
      t.name,
      q ? quotaText(q, mpd) : plural(own.length, 'séance'),
      duration(own.reduce((n, s) => n + s.durationMinutes, 0)),
      last ? frDate(last) : '—',
    ];
  });
  const bars = r.territories.flatMap((t) => {
    const q = quotaOf(r, t.id, 'collective-support');
    return q ? [quotaBar(q, t.name, mpd)] : [];
  });
  return [
    {
      kind: 'table',
      columns: ['Territoire', 'Appuis collectifs', 'Durée totale', 'Dernier appui'],
      widths: [4, 2.5, 2, 2.5],
      rows,
    },
    { kind: 'bars', caption: 'Appuis collectifs tenus par territoire', rows: bars },
  ];
}

function workshopsBlocks(r: ProgrammeRecord): Block[] {
  const list = [...r.workshops].sort((a, b) => a.number - b.number);
  const name = (id: string) => r.territories.find((t) => t.id === id)?.name ?? id;
  const held = r.sessions.filter((s) => s.kind === 'workshop').length;
  const rows = list.map((w) => {
    const s = workshopSession(r.sessions, w);
    return [
      nf(w.number),
      frDate(s?.date ?? w.date),
      w.theme,
      name(w.hostTerritoryId),
      w.format ? LABELS.workshopFormat[w.format] : '—',
      `${nf(w.participants)} (${plural(new Set([w.hostTerritoryId, ...(w.participatingTerritoryIds ?? [])]).size, 'territoire')})`,
    ];
  });
  return [
    {
      kind: 'p',
      text: `${plural(held, 'atelier collectif tenu', 'ateliers collectifs tenus')} sur ${nf(r.programme.quotas.workshopsTotal)} prévus, ${plural(list.length, 'fiche atelier rédigée', 'fiches atelier rédigées')}.`,
    },
    list.length
      ? {
          kind: 'table',
          columns: ['N°', 'Date', 'Thème', 'Territoire hôte', 'Format', 'Participants'],
          widths: [0.7, 2.2, 4.5, 2.8, 1.9, 2],
          rows,
        }
      : { kind: 'note', text: 'Aucune fiche atelier à cette date.' },
  ];
}

function lessonsBlocks(r: ProgrammeRecord): Block[] {
  const list = [...r.workshops].sort((a, b) => a.number - b.number);
  const solutions = list.flatMap((w) => w.solutions ?? []);
  const withLessons = list.filter((w) => w.lessons?.trim());
  const categories = solutions.flatMap((s) => (s.category ? [s.category] : []));
  const out: Block[] = [];
  if (solutions.length)
    out.push({
      kind: 'p',
      text: `${plural(solutions.length, 'solution partagée', 'solutions partagées')} en atelier${categories.length ? `, par catégorie de verrou : ${tally<BlockerCategory>(categories, LABELS.blockerCategory)}` : ''}.`,
    });
  out.push(
    withLessons.length
      ? {
          kind: 'list',
          items: withLessons.map((w) => `Atelier n° ${w.number} (${w.theme}) : ${w.lessons!.trim()}`),
        }
      : { kind: 'note', text: 'Aucun enseignement saisi dans les fiches atelier à cette date.' },
  );
  return out;
}

/** Report 2: collective supports per territory, workshops held, lessons across workshops. */
export function phase2Synthesis(r: ProgrammeRecord): Section[] {
  const h = SYNTHESIS_HEADINGS;
  return [
    { heading: h.phase2, level: 2, blocks: [] },
    { heading: h.supports, level: 3, blocks: supportsBlocks(r) },
    { heading: h.workshops, level: 3, blocks: workshopsBlocks(r) },
    { heading: h.lessons, level: 3, blocks: lessonsBlocks(r) },
  ];
}
