// Tiny DOM helpers. Text always goes through textContent: user text is never parsed as HTML.
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) el.setAttribute(k, '');
    else if (typeof v === 'string') el.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const app = () => document.getElementById('app')!;

/** The message area under a form: role=alert for errors (read at once), status otherwise. */
export function messageArea() {
  // Focusable by script (tabindex -1): where focus goes when the control that had it disappears.
  const el = h('div', { class: 'message', 'aria-live': 'polite', tabindex: '-1' });
  return {
    el,
    clear() {
      el.replaceChildren();
      el.className = 'message';
      el.removeAttribute('role');
    },
    show(kind: 'error' | 'success' | 'info', ...content: Child[]) {
      el.replaceChildren(
        ...content.filter((c): c is Node | string => typeof c === 'string' || c instanceof Node),
      );
      el.className = `message ${kind}`;
      if (kind === 'error') el.setAttribute('role', 'alert');
      else el.setAttribute('role', 'status');
    },
  };
}

/** A control under its label, as the forms lay out their fields. */
export const labelled = (control: HTMLElement, ...label: Child[]) =>
  h('div', { class: 'field' }, h('label', { for: control.id }, ...label), control);
