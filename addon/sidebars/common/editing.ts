// Editing what is stored: pick a record, its current values fill the form, and the version
// read then goes back with the change (If-Match), so nobody overwrites a colleague unseen.
import type { Result, Versioned } from '../../api';
import { h, type messageArea } from './dom';
import { fillSelect } from './form';
import { showError } from './submit';

export interface Editing {
  id: string | null;
  version: string | null;
  /** Loads the chosen record again (after a refusal because it changed meanwhile). */
  reload(): Promise<void>;
}

export function editChosen<T>(opts: {
  select: HTMLSelectElement;
  load: (id: string) => Promise<Result<Versioned<T>>>;
  fill: (record: T | null) => void;
  msg: ReturnType<typeof messageArea>;
}): Editing {
  const state: Editing = {
    id: null,
    version: null,
    async reload() {
      const id = opts.select.value;
      if (!id) {
        state.id = null;
        state.version = null;
        opts.fill(null);
        return;
      }
      opts.msg.show('info', 'Chargement des valeurs enregistrées…');
      const res = await opts.load(id);
      if (!res.ok) return showError(null, opts.msg, res.error);
      opts.msg.clear();
      state.id = id;
      state.version = res.data.version;
      opts.fill(res.data.record);
    },
  };
  opts.select.addEventListener('change', () => void state.reload());
  return state;
}

/** After a refusal because the record changed: the user's text stays until they ask. */
export function offerReload(msg: ReturnType<typeof messageArea>, reload: () => Promise<void>) {
  const button = h('button', { type: 'button' }, 'Charger les valeurs enregistrées');
  button.addEventListener('click', () => void reload());
  msg.el.append(h('p', {}, button));
}

/** After a save: the record in the chooser's list, chosen, and its new version kept. */
export function remember(
  chooser: HTMLSelectElement,
  list: { id: string; label: string }[],
  choice: { id: string; label: string },
  empty: string,
  editing: Editing,
  version: string | null,
) {
  const i = list.findIndex((x) => x.id === choice.id);
  if (i >= 0) list[i] = { ...list[i], ...choice };
  else list.push(choice);
  fillSelect(
    chooser,
    list.map((x) => [x.id, x.label] as const),
    empty,
  );
  chooser.value = choice.id;
  editing.id = choice.id;
  editing.version = version;
}
