// What the sidebar knows from the moment it opens: the context the add-on inlined into the
// page (window.__VELI__), or — if that failed — a French error and a way to try again.

import type { SidebarContext } from '../../api';
import type { SidebarBoot } from '../../menu';
import { VIEWER_READ_ONLY } from '../../messages';
import { app, h, messageArea } from './dom';
import { buildForm, type Field, type Option } from './form';
import { call } from './server';
import { showError } from './submit';

declare global {
  interface Window {
    __VELI__?: SidebarBoot;
  }
}

export const bootData = (): SidebarBoot | undefined => window.__VELI__;

/**
 * Opened from a document's warning on a record (issue 17): what to fix, above the form, until
 * the sidebar is closed (the Diagnostic and the Synthèses, opened with no recordId, mark their
 * fields themselves).
 */
function fixNote() {
  const focus = bootData()?.focus;
  const what = focus?.recordId && focus.issues[0]?.message;
  if (!what) return null;
  return h('p', { class: 'banner', role: 'note', id: 'fix-note' }, `À corriger : ${what}`);
}

/** The inlined context; on failure the error and a "Réessayer" button (one call). */
export function context(msg: ReturnType<typeof messageArea>): Promise<SidebarContext | null> {
  const boot = bootData();
  if (boot?.context.ok) return Promise.resolve(boot.context.data);
  return new Promise((resolve) => {
    const retry = h('button', { type: 'button' }, 'Réessayer');
    const fail = (error: { code: string; message: string }) => {
      showError(null, msg, error);
      msg.el.append(retry);
    };
    fail(
      boot && !boot.context.ok
        ? boot.context.error
        : { code: 'SCRIPT', message: 'Contexte absent : rouvrez le panneau.' },
    );
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      const res = await call('loadContext', boot?.sidebar ?? 'journal', true);
      retry.disabled = false;
      if (res.ok) {
        msg.clear();
        resolve(res.data);
      } else fail(res.error);
    });
  });
}

export const isViewer = (ctx: SidebarContext) => ctx.me.role === 'viewer';
export const isAdmin = (ctx: SidebarContext) => ctx.me.role === 'admin';

/** A banner for viewers: the screen shows what they may read, and no form. */
export const readOnlyBanner = (text: string) => h('p', { class: 'banner', role: 'note' }, text);

/** The territories the user may write for (all of them for an admin), by name. */
export function myTerritories(ctx: SidebarContext): Option[] {
  return ctx.me.territories.map((t) => [t.id, t.name] as const);
}

/** With one territory, it is chosen for the user (and the change event fired). */
export function preselect(select: HTMLSelectElement, options: readonly Option[]) {
  if (options.length === 1 && !select.value) {
    select.value = options[0]![0];
    select.dispatchEvent(new Event('change'));
  }
}

export const nameOf = (ctx: SidebarContext) => (id: string) =>
  ctx.report.territories.find((t) => t.territoryId === id)?.name ??
  ctx.report.partners.find((p) => p.partnerId === id)?.name ??
  id;

/**
 * A sidebar's title and message area, then its context. Null when the context failed (the
 * error is shown) or, for a form, when the user is a viewer (the read-only banner is shown).
 */
export async function start(title: string, form = true) {
  const msg = messageArea();
  app().append(h('h1', {}, title), fixNote() ?? '', msg.el);
  const ctx = await context(msg);
  if (!ctx) return null;
  if (form && isViewer(ctx)) {
    app().append(readOnlyBanner(VIEWER_READ_ONLY));
    return null;
  }
  return { msg, ctx };
}

/** A form sidebar: `start`, then the form of the fields the context gives, above the messages. */
export async function startForm(
  title: string,
  fields: (ctx: SidebarContext) => readonly Field[],
  submitLabel: string,
) {
  const started = await start(title);
  if (!started) return null;
  const form = buildForm(fields(started.ctx), submitLabel);
  started.msg.el.before(form.form);
  return { ...started, form };
}

/** The programme's dates: the bounds of every date field. */
export const programmeDates = (ctx: SidebarContext) => ({
  min: ctx.programme.startDate,
  max: ctx.programme.endDate,
});
