import { LABELS } from '../../shared/i18n/labels';
import { duration, frDate, frList, nf, plural } from '../../shared/i18n/typography';
import { recordAsOf, withAsOfNote } from './as-of';
import { identification } from './identify';
import type { Block, DocumentModel, Section } from './model';
import type { Edition, ProgrammeRecord, SessionRec, WorkshopRec } from './record';
import { typeset } from './typeset';

export const WORKSHOP_HEADINGS = {
  format: 'Format de l’atelier',
  territories: 'Territoires participants',
  problem: 'Problématique',
  blockers: 'Verrous et solutions',
  actors: 'Jeu d’acteurs',
  examples: 'Exemples de réalisations et contacts',
  figures: 'Chiffres clés',
} as const;

export const workshopTitle = (w: WorkshopRec) => `Fiche atelier n° ${w.number} — ${w.theme}`;

/**
 * The `workshop` session of a workshop: the one of its host territory (the quota engine
 * allows each host once, the workshops table each host once). With an admin's override a
 * host may have two: the one on the sheet's date, else the first.
 */
export function workshopSession(sessions: readonly SessionRec[], w: WorkshopRec): SessionRec | undefined {
  const own = sessions.filter((s) => s.kind === 'workshop' && s.territoryId === w.hostTerritoryId);
  return own.find((s) => s.date === w.date) ?? [...own].sort((a, b) => a.date.localeCompare(b.date))[0];
}

const nameOf = (r: ProgrammeRecord, id: string) => r.territories.find((t) => t.id === id)?.name ?? id;

function formatBlock(r: ProgrammeRecord, w: WorkshopRec): Block[] {
  const s = workshopSession(r.sessions, w);
  const rows: [string, string][] = [
    ['Date', frDate(s?.date ?? w.date)],
    ['Durée', s ? duration(s.durationMinutes) : 'Séance non consignée'],
    ['Modalité', s?.mode ? LABELS.sessionMode[s.mode] : 'Séance non consignée'],
    ['Format', w.format ? LABELS.workshopFormat[w.format] : 'Non précisé'],
    ['Territoire d’accueil', nameOf(r, w.hostTerritoryId)],
    ['Participants', nf(w.participants)],
  ];
  const out: Block[] = [{ kind: 'fields', rows }];
  if (!s)
    out.push({
      kind: 'note',
      text: 'Date prévue sur la fiche : la séance de l’atelier n’est pas encore consignée dans le journal.',
    });
  return out;
}

type Table = Extract<Block, { kind: 'table' }>;

/** The entries as a table when the sheet has some, then the free text that goes with them. */
function tableThenText(
  entries: readonly unknown[] | undefined,
  table: () => Omit<Table, 'kind'>,
  text: string,
): Block[] {
  return [...(entries?.length ? [{ kind: 'table' as const, ...table() }] : []), { kind: 'p', text }];
}

const solutionsBlocks = (w: WorkshopRec) =>
  tableThenText(
    w.solutions,
    () => ({
      columns: ['Verrou', 'Catégorie', 'Solution'],
      widths: [4, 2, 6],
      rows: (w.solutions ?? []).map((x) => [
        x.blocker,
        x.category ? LABELS.blockerCategory[x.category] : '—',
        x.solution,
      ]),
    }),
    w.blockersAndSolutions,
  );

/** « Claire Martin, Service mobilité de l’agglomération » (the name first, then the organisation). */
const contactOf = (x: NonNullable<WorkshopRec['examples']>[number]) =>
  [x.contactName, x.contactOrganisation].filter(Boolean).join(', ') || x.contact || '—';

const examplesBlocks = (w: WorkshopRec) =>
  tableThenText(
    w.examples,
    () => ({
      columns: ['Réalisation', 'Lieu', 'Contact', 'Coordonnées'],
      widths: [5, 2, 3, 3],
      rows: (w.examples ?? []).map((x) => [
        x.achievement,
        x.place || '—',
        contactOf(x),
        [x.contactEmail, x.contactPhone].filter(Boolean).join(' · ') || '—',
      ]),
      // E-mail and phone are personal data: read by ADEME and the host territory's consultants.
      personal: { column: 3, territoryId: w.hostTerritoryId },
    }),
    w.examplesAndContacts,
  );

export function workshopSections(r: ProgrammeRecord, w: WorkshopRec, level: 2 | 3 = 2): Section[] {
  const h = WORKSHOP_HEADINGS;
  const others = (w.participatingTerritoryIds ?? []).filter((id) => id !== w.hostTerritoryId);
  const figures: Block = w.keyFigures.length
    ? {
        kind: 'table',
        columns: ['Chiffre clé', 'Valeur'],
        widths: [3, 2],
        rows: w.keyFigures.map((f) => [f.label, `${f.value}${f.unit ? `\u00A0${f.unit}` : ''}`]),
      }
    : { kind: 'note', text: 'Aucun chiffre clé saisi.' };
  const sections: Section[] = [
    { heading: h.format, level, blocks: formatBlock(r, w) },
    {
      heading: h.territories,
      level,
      blocks: [
        others.length
          ? {
              kind: 'p',
              text: `${nameOf(r, w.hostTerritoryId)} (territoire d’accueil), ${frList(others.map((id) => nameOf(r, id)))}, soit ${plural(others.length + 1, 'territoire')}.`,
            }
          : {
              kind: 'note',
              text: `Territoire d’accueil : ${nameOf(r, w.hostTerritoryId)} ; autres territoires participants non renseignés.`,
            },
      ],
    },
    { heading: h.problem, level, blocks: [{ kind: 'p', text: w.problem }] },
    { heading: h.blockers, level, blocks: solutionsBlocks(w) },
    { heading: h.actors, level, blocks: [{ kind: 'p', text: w.actors }] },
    { heading: h.examples, level, blocks: examplesBlocks(w) },
    { heading: h.figures, level, blocks: [figures] },
  ];
  if (w.lessons?.trim())
    sections.push({ heading: 'Enseignements', level, blocks: [{ kind: 'p', text: w.lessons }] });
  return sections;
}

/** `r` is the full record: the sheet reads its session as of `ed.asOf`. */
export function buildWorkshopSheet(r: ProgrammeRecord, w: WorkshopRec, ed: Edition): DocumentModel {
  const asOf = ed.asOf ?? ed.date;
  const rec = recordAsOf(r, asOf);
  return typeset({
    type: 'workshop-sheet',
    title: workshopTitle(w),
    subtitle: `${r.programme.name} · Atelier collectif (phase 2)`,
    date: ed.date,
    version: ed.version,
    identification: identification(r, ed, workshopTitle(w)),
    sections: withAsOfNote(workshopSections(rec, w), asOf, ed.date),
  });
}
