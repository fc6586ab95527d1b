// Historique: who changed the record of the selected row, when (Paris time) and what, in
// French — the fields by their labels, codes by their French names, people by their names.
// Newest first. The row is the one selected when the menu item was chosen; the button under the
// history reads the selection again (select another row, then press it).

import type { AuditEntry } from '../../../shared/api/audit';
import { LABELS } from '../../../shared/i18n/labels';
import { frInstant, frShortDate, frTypo, plural, quoted } from '../../../shared/i18n/typography';
import { bootData, context } from '../common/boot';
import { app, h, messageArea } from '../common/dom';
import { call } from '../common/server';
import { showError } from '../common/submit';

const ACTION: Record<AuditEntry['action'], string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  override: 'Dérogation au quota',
  export: 'Export',
  erase: 'Effacement',
};

/** The fields people change, by the label the forms give them. */
const FIELDS: Record<string, string> = {
  date: 'Date',
  kind: 'Type de séance',
  territoryId: 'Territoire',
  partnerId: 'Partenaire',
  durationMinutes: 'Durée (min)',
  mode: 'Modalité',
  participants: 'Participants',
  summary: 'Résumé',
  decisions: 'Décisions',
  nextSteps: 'Prochaines étapes',
  blockerIds: 'Verrous liés',
  reason: 'Motif',
  deletedAt: 'Supprimée le',
  category: 'Catégorie',
  title: 'Intitulé',
  description: 'Description',
  owner: 'Porteur de la solution',
  ownerName: 'Nom du porteur',
  status: 'Statut',
  solution: 'Solution',
  indicator: 'Indicateur',
  label: 'Libellé',
  unit: 'Unité',
  periodStart: 'Début de période',
  periodEnd: 'Fin de période',
  value: 'Valeur',
  target: 'Cible',
  number: 'Numéro',
  theme: 'Thème',
  hostTerritoryId: 'Territoire d’accueil',
  problem: 'Problématique',
  blockersAndSolutions: 'Verrous et solutions',
  actors: 'Acteurs',
  examplesAndContacts: 'Exemples et contacts',
  keyFigures: 'Chiffres clés',
  implementationDelay: 'Délai de mise en œuvre',
  blockers: 'Verrous rencontrés',
  reproducibility: 'Reproductibilité',
  name: 'Nom',
  legalForm: 'Forme juridique',
  centralCityInsee: 'Code INSEE de la ville centre',
  epciSiren: 'SIREN de l’EPCI',
  consultants: 'Consultants',
  contacts: 'Contacts',
  findings: 'Constat',
  stakes: 'Enjeux',
  recommendations: 'Recommandations',
  needs: 'Besoins du territoire',
  infrastructure: 'Aménagements et stationnement',
  complementarities: 'Complémentarités avec les autres modes',
  planningDocuments: 'Documents de planification',
  useCase: 'Cas d’usage',
  vehicles: 'Véhicules',
  pages: 'Pages',
  version: 'Version',
};
/** Fields whose codes have French names. */
const CODES: Record<string, Record<string, string>> = {
  kind: { ...LABELS.sessionKind, ...LABELS.partnerKind },
  mode: LABELS.sessionMode,
  category: LABELS.blockerCategory,
  owner: LABELS.blockerOwner,
  status: { ...LABELS.blockerStatus, ...LABELS.actionStatus },
  indicator: LABELS.indicator,
  legalForm: LABELS.legalForm,
};
/** Bookkeeping every write moves: not what a person changed. */
const SILENT = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'phase']);

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function shown(field: string, v: unknown, person: (e: string) => string): string {
  if (v === null || v === undefined || v === '') return '(vide)';
  if (typeof v === 'string') {
    const code = CODES[field]?.[v];
    if (code) return code;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return frShortDate(v);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return frInstant(v, { time: true });
    return quoted(clip(v));
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v).replace('.', ',');
  if (Array.isArray(v)) {
    if (field === 'consultants') return v.map((e) => person(String(e))).join(', ') || '(aucun)';
    return v.length ? plural(v.length, 'élément') : '(aucun)';
  }
  return 'modifié';
}

/** What changed between `before` and `after`, field by field, in French. */
function changes(e: AuditEntry, person: (e: string) => string): string[] {
  const b = (e.before ?? {}) as Record<string, unknown>;
  const a = (e.after ?? {}) as Record<string, unknown>;
  if (e.action === 'override') return [frTypo(`Motif : ${shown('reason', a.reason, person)}`)];
  if (e.action !== 'update') return [];
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !SILENT.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => frTypo(`${FIELDS[k] ?? k} : ${shown(k, b[k], person)} → ${shown(k, a[k], person)}`));
}

function entryItem(e: AuditEntry, people: Record<string, string>) {
  const person = (email: string) => people[email] ?? email;
  const lines = changes(e, person);
  return h(
    'li',
    {},
    h('strong', {}, ACTION[e.action] ?? e.action),
    frTypo(` le ${frInstant(e.at, { time: true })} par ${person(e.actor)}`),
    lines.length ? h('ul', {}, ...lines.map((l) => h('li', {}, l))) : null,
  );
}

async function main() {
  const msg = messageArea();
  const again = h('button', { type: 'button' }, 'Historique de la ligne sélectionnée');
  again.addEventListener('click', () => void call('openSidebar', 'historique'));
  app().append(h('h1', {}, 'Historique'), msg.el);
  const ctx = await context(msg);
  if (!ctx) return;
  const row = bootData()?.row;
  if (!row || 'error' in row) {
    msg.show('info', row?.error ?? 'Aucune ligne sélectionnée.');
    app().append(again);
    return;
  }
  const list = h('ol', {
    class: 'list history',
    id: 'history',
    'aria-label': 'Modifications, la plus récente d’abord',
  });
  app().append(
    h('p', { id: 'subject' }, frTypo(`Onglet ${quoted(row.tab)}, ligne ${quoted(row.label || row.id)}.`)),
    list,
    again,
  );
  msg.show('info', 'Chargement de l’historique…');
  const res = await call('loadHistory', row.entity, row.id);
  if (!res.ok) return showError(null, msg, res.error);
  msg.clear();
  const entries = [...res.data.entries].reverse();
  if (!entries.length) msg.show('info', 'Aucune modification enregistrée pour cette ligne.');
  list.replaceChildren(...entries.map((e) => entryItem(e, res.data.people)));
  if (res.data.more) msg.show('info', 'Seules les 1 000 premières modifications sont affichées.');
}

void main();
