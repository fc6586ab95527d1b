// « Générer les dix synthèses »: one call per territory, a line of progress each; « Arrêter »
// stops after the summary being written; a summary that failed can be generated again alone.
import { frTypo, plural, quoted } from '../../../shared/i18n/typography';
import type { DocumentRecord, DocumentRequest, SidebarContext } from '../../api';
import { isAdmin } from '../common/boot';
import { h } from '../common/dom';
import type { Option } from '../common/form';
import { type Steps, steps } from './steps';

export type Generate = (body: DocumentRequest, list: Steps, what: string) => Promise<DocumentRecord | null>;

/** The button's label: the ten summaries (an admin), or the user's own territories. */
function label(ctx: SidebarContext, count: number) {
  if (!isAdmin(ctx)) return `Générer les synthèses de mes territoires (${count})`;
  if (count === 10) return 'Générer les dix synthèses';
  return count === 1 ? 'Générer la synthèse territoriale' : `Générer les ${plural(count, 'synthèse')}`;
}

/** « Arrêter »: asked once, honoured after the summary being written. */
function stopButton() {
  const button = h('button', { type: 'button', id: 'stop-summaries', hidden: true }, '');
  const state = { stopping: false };
  button.addEventListener('click', () => {
    state.stopping = true;
    button.disabled = true;
    button.textContent = 'Arrêt demandé : la synthèse en cours se termine…';
  });
  return {
    button,
    state,
    reset() {
      state.stopping = false;
      button.hidden = false;
      button.disabled = false;
      button.textContent = 'Arrêter après la synthèse en cours';
    },
  };
}

export function allSummaries(ctx: SidebarContext, mine: Option[], generate: Generate) {
  const list = steps();
  const count = mine.length;
  const start = h('button', { type: 'button', id: 'all-summaries' }, label(ctx, count));
  const stop = stopButton();

  /** One territory's summary; on failure, a button to try it again, alone. */
  const one = async (id: string, name: string): Promise<boolean> => {
    const done = await generate({ type: 'territory-summary', territoryId: id }, list, quoted(name));
    if (done) return true;
    // The retry sits on its own line, after the refusal (which stays as the worker wrote it).
    const retry = h('button', { type: 'button', class: 'retry' }, frTypo(`Réessayer ${quoted(name)}`));
    const line = h('li', { class: 'retry-line' }, retry);
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      if (await one(id, name)) line.remove();
      else retry.disabled = false;
    });
    list.el.append(line);
    return false;
  };

  start.addEventListener('click', async () => {
    start.disabled = true;
    stop.reset();
    list.clear();
    let ok = 0;
    let tried = 0;
    for (const [id, name] of mine) {
      if (stop.state.stopping) break;
      tried++;
      if (await one(id, name)) ok++;
    }
    const made = `${plural(ok, 'synthèse générée', 'synthèses générées')} sur ${count}`;
    list
      .add('')
      .done(frTypo(stop.state.stopping && tried < count ? `Arrêté : ${made}.` : `Terminé : ${made}.`));
    stop.button.hidden = true;
    start.disabled = false;
  });
  return h('section', {}, h('h2', {}, 'Synthèses territoriales'), start, stop.button, list.el);
}
