// Membres (administrators): add a person with a role and the name others see, change a role or
// a name, remove someone, and choose each territory's consultants — what production did with
// curl before. A change of role goes back with the version the list showed (If-Match).
import type { MemberList } from '../../../shared/api/members';
import { LABELS } from '../../../shared/i18n/labels';
import { frTypo, quoted } from '../../../shared/i18n/typography';
import { MemberInput } from '../../../shared/schemas';
import type { TerritoryConsultants } from '../../api';
import { isAdmin, readOnlyBanner, start } from '../common/boot';
import { app, h, labelled, messageArea } from '../common/dom';
import { buildForm, field, fillSelect, OPTIONAL, optionsOf } from '../common/form';
import { call } from '../common/server';
import { checked, onSubmit, showError, showSuccess } from '../common/submit';

type Member = MemberList['members'][number];
type Messages = ReturnType<typeof messageArea>;
const ADMIN_ONLY = frTypo(
  'Réservé aux administrateurs ADEME : demandez à l’un d’eux d’ajouter ou de retirer un membre.',
);

const who = (m: Pick<Member, 'email' | 'name'>) => (m.name ? `${m.name} (${m.email})` : m.email);

function memberForm() {
  const form = buildForm(
    [
      field.text('email', 'Adresse e-mail (compte Google)', { attrs: { autocomplete: 'off' } }),
      field.text('name', 'Nom affiché', {
        ...OPTIONAL,
        hint: 'Montré à la place de l’adresse : « Saisie par », historique…',
      }),
      field.select('role', 'Rôle', optionsOf(LABELS.role)),
    ],
    'Enregistrer le membre',
  );
  return form;
}

/** The list of members, each with « Modifier » and « Retirer » (not the configured admins). */
function memberList(
  members: Member[],
  edit: (m: Member) => void,
  remove: (m: Member, b: HTMLButtonElement) => void,
) {
  return h(
    'ul',
    { class: 'list', id: 'members' },
    ...members.map((m) => {
      const item = h(
        'li',
        {},
        h('strong', {}, m.name ?? m.email),
        m.name ? h('br', {}) : null,
        m.name ? m.email : null,
        h('br', {}),
        LABELS.role[m.role],
      );
      if (m.source === 'config') item.append(' — déclaré dans la configuration');
      else {
        const fix = h('button', { type: 'button', 'aria-label': `Modifier ${who(m)}` }, 'Modifier');
        const out = h('button', { type: 'button', 'aria-label': `Retirer ${who(m)}` }, 'Retirer');
        fix.addEventListener('click', () => edit(m));
        out.addEventListener('click', () => remove(m, out));
        item.append(h('div', { class: 'row-actions' }, fix, out));
      }
      return item;
    }),
  );
}

/** A territory's consultants: one checkbox per consultant member, saved with the territory's version. */
function consultantsEditor(msg: Messages) {
  const territory = h('select', { id: 'c-territory' });
  const boxes = h('fieldset', { id: 'c-boxes' }, h('legend', {}, 'Consultants du territoire'));
  const save = h('button', { type: 'button', class: 'primary' }, 'Enregistrer les consultants');
  let territories: TerritoryConsultants[] = [];
  let consultants: Member[] = [];
  const render = () => {
    const t = territories.find((x) => x.id === territory.value);
    const list = [...new Set([...consultants.map((m) => m.email), ...(t?.consultants ?? [])])];
    boxes.replaceChildren(
      h('legend', {}, 'Consultants du territoire'),
      ...list.map((email, i) => {
        const box = h('input', {
          type: 'checkbox',
          id: `c-${i}`,
          value: email,
          checked: t?.consultants.includes(email),
        });
        const m = consultants.find((x) => x.email === email);
        return h('div', { class: 'check' }, box, h('label', { for: `c-${i}` }, m ? who(m) : email));
      }),
    );
    save.disabled = !t;
  };
  territory.addEventListener('change', render);
  save.addEventListener('click', async () => {
    const t = territories.find((x) => x.id === territory.value);
    if (!t) return;
    const chosen = [...boxes.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
    save.setAttribute('aria-disabled', 'true');
    const res = await call('saveConsultants', t.id, chosen, t.version === null ? null : String(t.version));
    save.removeAttribute('aria-disabled');
    if (!res.ok) return showError(null, msg, res.error);
    t.consultants = res.data.consultants;
    t.version = res.data.version ?? (t.version ?? 0) + 1;
    showSuccess(msg, [frTypo(`Consultants de ${quoted(t.name)} enregistrés.`)], res.warning);
  });
  return {
    el: h(
      'section',
      {},
      h('h2', {}, 'Consultants des territoires'),
      labelled(territory, 'Territoire'),
      boxes,
      save,
      msg.el,
    ),
    set(ts: TerritoryConsultants[], members: Member[]) {
      territories = ts;
      consultants = members.filter((m) => m.role === 'consultant');
      fillSelect(
        territory,
        ts.map((t) => [t.id, t.name] as const),
        '— choisir —',
      );
      render();
    },
  };
}

/** Saving the form: a stored member's role changes with the version the list showed. */
function submitMembers(
  form: ReturnType<typeof memberForm>,
  msg: Messages,
  members: () => Member[],
  load: () => Promise<void>,
) {
  onSubmit(
    form,
    msg,
    () => {
      const values = form.values();
      const stored = members().find(
        (m) =>
          m.email ===
          String(values.email ?? '')
            .trim()
            .toLowerCase(),
      );
      // An emptied name on a stored member clears it (absent would keep it).
      if (stored && values.name === undefined) values.name = '';
      return checked(MemberInput, values, (input) =>
        call('saveMember', input, stored?.source === 'record' ? String(stored.version) : null),
      );
    },
    (saved) => {
      void load();
      return [frTypo(`${who(saved)} : ${LABELS.role[saved.role]}.`)];
    },
  );
}

async function main() {
  const started = await start('Membres', false);
  if (!started) return;
  const { msg, ctx } = started;
  if (!isAdmin(ctx)) return void app().append(readOnlyBanner(ADMIN_ONLY));
  const form = memberForm();
  const listBox = h('div', {}, h('p', { class: 'hint' }, 'Chargement des membres…'));
  const editor = consultantsEditor(messageArea());
  let members: Member[] = [];
  const edit = (m: Member) => {
    form.set('email', m.email);
    form.set('name', m.name ?? '');
    form.set('role', m.role);
    form.control('name').focus();
  };
  const load = async () => {
    const res = await call('loadMembers');
    if (!res.ok) return showError(null, msg, res.error);
    members = res.data.members;
    listBox.replaceChildren(memberList(members, edit, remove));
    editor.set(res.data.territories, members);
  };
  const remove = async (m: Member, button: HTMLButtonElement) => {
    if (!window.confirm(frTypo(`Retirer ${who(m)} ? Cette personne n’aura plus accès au module.`))) return;
    button.setAttribute('aria-disabled', 'true');
    const res = await call('removeMember', m.email);
    if (!res.ok) {
      button.removeAttribute('aria-disabled');
      return showError(null, msg, res.error);
    }
    showSuccess(msg, [frTypo(`${who(m)} n’est plus membre.`)]);
    await load();
    msg.el.focus();
  };
  submitMembers(form, msg, () => members, load);
  msg.el.before(form.form);
  app().append(h('h2', {}, 'Membres du programme'), listBox, editor.el);
  await load();
}

void main();
