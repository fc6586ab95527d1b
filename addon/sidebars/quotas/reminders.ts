// « Mes rappels » in Quotas et alertes: what the nightly check reminds the user of (the same
// list as its e-mail), so that nobody depends on e-mail alone, and the user's own choice of
// receiving it by e-mail.
import type { Reminders } from '../../../shared/api/me';
import { frTypo, plural } from '../../../shared/i18n/typography';
import { checkbox } from '../common/checkbox';
import { h, messageArea } from '../common/dom';
import { call } from '../common/server';
import { showError } from '../common/submit';

const EMAIL_ON = frTypo(
  'Rappels par courriel activés : le prochain partira après le contrôle de la nuit si la liste a changé.',
);
const EMAIL_OFF = frTypo('Rappels par courriel désactivés : ils restent affichés ici.');

/** The checkbox of the e-mail, saved as soon as it changes (unticked again if the save fails). */
function emailChoice(on: boolean) {
  const { box, row } = checkbox('reminders-email', 'Recevoir mes rappels par courriel');
  box.checked = on;
  const said = messageArea();
  box.addEventListener('change', async () => {
    const wanted = box.checked;
    box.disabled = true;
    const res = await call('saveReminderPreference', wanted);
    box.disabled = false;
    box.focus();
    if (!res.ok) {
      box.checked = !wanted;
      return showError(null, said, res.error);
    }
    box.checked = res.data.reminders;
    said.show('success', res.data.reminders ? EMAIL_ON : EMAIL_OFF);
  });
  return h(
    'div',
    {},
    row,
    h(
      'p',
      { class: 'hint' },
      frTypo('Envoyés par le contrôle nocturne quand la liste change, et une fois par semaine sinon.'),
    ),
    said.el,
  );
}

export function remindersSection(r: Reminders): HTMLElement {
  return h(
    'section',
    { id: 'reminders', 'aria-labelledby': 'reminders-title' },
    h(
      'h2',
      { id: 'reminders-title' },
      frTypo(`Mes rappels : ${plural(r.items.length, 'point', 'points')} à faire`),
    ),
    r.items.length
      ? h('ul', { class: 'list' }, ...r.items.map((i) => h('li', {}, i.message)))
      : h('p', {}, 'Rien n’est attendu de vous à ce jour.'),
    emailChoice(r.preferences.reminders),
  );
}
