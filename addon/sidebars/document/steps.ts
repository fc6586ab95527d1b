// A list of steps, each running then done or failed, its text replaced by the outcome.
import { frTypo } from '../../../shared/i18n/typography';
import type { AddonError } from '../../api';
import { h } from '../common/dom';

export type Steps = ReturnType<typeof steps>;
export type StepLine = ReturnType<Steps['add']>;

export function steps() {
  const el = h('ol', { class: 'steps', 'aria-live': 'polite' });
  return {
    el,
    clear: () => el.replaceChildren(),
    /** A step shown as `text` while it runs; `subject` heads its refusal (« Document : … »). */
    add(text: string, subject?: string) {
      const li = h('li', { class: 'running' }, text);
      el.append(li);
      return {
        li,
        done: (...outcome: (Node | string)[]) => {
          li.className = 'done';
          if (outcome.length) li.replaceChildren(...outcome);
        },
        failed: (error: AddonError, action?: HTMLElement | null) => {
          li.className = 'failed';
          li.replaceChildren(subject ? frTypo(`${subject} : ${error.message}`) : `${text} ${error.message}`);
          // A summary that does not fit names its fields in its message already.
          if (error.issues?.length && error.code !== 'DOES_NOT_FIT')
            li.append(h('ul', {}, ...error.issues.map((i) => h('li', {}, i.message))));
          if (action) li.append(h('p', {}, action));
        },
      };
    },
  };
}
