// « Générer les dix synthèses »: one call per territory, a line of progress each; « Arrêter »
// stops after the summary being written; a summary that failed can be generated again alone.
import { frTypo, plural, quoted } from '../../../shared/i18n/typography';
import type { DocumentRecord, DocumentRequest, SidebarContext } from '../../api';
import { isAdmin } from '../common/boot';
import { h } from '../common/dom';
import type { Option } from '../common/form';
import { type Steps, steps } from './steps';

export type Generate = (body: DocumentRequest, list: Steps, what: string) => Promise<DocumentRecord | null>;

export function allSummaries(ctx: SidebarContext, mine: Option[], generate: Generate) {
  const list = steps();
  const count = mine.length;
  const label = isAdmin(ctx)
    ? count === 10
      ? 'Générer les dix synthèses'
      : count === 1
        ? 'Générer la synthèse territoriale'
        : `Générer les ${plural(count, 'synthèse')}`
    : `Générer les synthèses de mes territoires (${count})`;
  const start = h('button', { type: 'button', id: 'all-summaries' }, label);
  const stop = h(
    'button',
    { type: 'button', id: 'stop-summaries', hidden: true },
    'Arrêter après la synthèse en cours',
  );
  let stopping = false;
  stop.addEventListener('click', () => {
    stopping = true;
    stop.disabled = true;
    stop.textContent = 'Arrêt demandé : la synthèse en cours se termine…';
  });

  /** One territory's summary; on failure, a button to try it again, alone. */
  const one = async (id: string, name: string): Promise<boolean> => {
    const body: DocumentRequest = { type: 'territory-summary', territoryId: id };
    const done = await generate(body, list, quoted(name));
    if (done) return true;
    const failed = list.el.lastElementChild;
    const retry = h('button', { type: 'button', class: 'retry' }, frTypo(`Réessayer ${quoted(name)}`));
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      if (await one(id, name)) retry.remove();
      else retry.disabled = false;
    });
    (failed ?? list.el).append(h('p', {}, retry));
    return false;
  };

  start.addEventListener('click', async () => {
    start.disabled = true;
    stopping = false;
    stop.hidden = false;
    stop.disabled = false;
    stop.textContent = 'Arrêter après la synthèse en cours';
    list.clear();
    let ok = 0;
    let tried = 0;
    for (const [id, name] of mine) {
      if (stopping) break;
      tried++;
      if (await one(id, name)) ok++;
    }
    const end =
      stopping && tried < count
        ? `Arrêté : ${plural(ok, 'synthèse générée', 'synthèses générées')} sur ${count}.`
        : `Terminé : ${plural(ok, 'synthèse générée', 'synthèses générées')} sur ${count}.`;
    list.add('').done(frTypo(end));
    stop.hidden = true;
    start.disabled = false;
  });
  return h('section', {}, h('h2', {}, 'Synthèses territoriales'), start, stop, list.el);
}
