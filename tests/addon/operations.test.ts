// « Exporter les données » and « Diagnostic de l’installation » in the harness against the real
// local worker: the CSV files land in a new folder of the user's Drive (Drive advanced service
// stand-in) byte for byte, in one round of requests; consultants are refused in French and get
// nothing; the doctor's checks are shown in an accessible dialog.
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../../harness/local-worker';
import { type AddonRuntime, loadAddon } from '../../harness/runtime';
import { EXPORT_TABLES } from '../../shared/api/export';
import { createTerritory, sessionInput, uid, useAddonWorker } from './fixtures';

const CONSULTANT = 'consultante.export@amo.example';
const VIEWER = 'lecteur.export@ademe.example';
const env = useAddonWorker({ consultants: [CONSULTANT], viewers: [VIEWER] });

const addon = (user: string): AddonRuntime => {
  const rt = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: user });
  rt.run('onOpen');
  return rt;
};

describe('Exporter les données (CSV)', () => {
  it('drops the nine CSV files, as the worker wrote them, into a new Drive folder of a viewer', async () => {
    const id = uid('t');
    await createTerritory(env.worker.api, {
      id,
      name: `Territoire ${id}`,
      insee: '81004',
      consultant: CONSULTANT,
    });
    const rt = addon(CONSULTANT);
    expect(
      rt.run('submitSession', sessionInput(id, { summary: '=SOMME(A1:A3) et « vélos »' })),
    ).toMatchObject({ ok: true });

    const viewer = addon(VIEWER);
    viewer.run('exportData');
    // One round of requests (fetchAll), one per table.
    expect(new Set(viewer.fakes.fetchLog.map((f) => f.round)).size).toBe(1);
    expect(viewer.fakes.fetchLog.map((f) => `${new URL(f.url).pathname} ${f.status}`)).toEqual(
      EXPORT_TABLES.map((t) => `/v1/export/${t}.csv 200`),
    );
    const files = viewer.fakes.state.driveFiles.filter((f) => f.owner === VIEWER);
    const folder = files.find((f) => f.content === null)!;
    expect(folder.mimeType).toBe('application/vnd.google-apps.folder');
    expect(folder.name).toMatch(/^VELI VELO — export du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const csv = files.filter((f) => f.content !== null);
    expect(csv).toHaveLength(9);
    expect(csv.every((f) => f.parents[0] === folder.id && f.mimeType === 'text/csv')).toBe(true);
    const sessions = csv.find((f) => /^veli-velo-sessions-\d{4}-\d{2}-\d{2}\.csv$/.test(f.name))!;
    // Byte for byte the worker's answer: its byte order mark, « ; », the formula defused.
    const direct = await fetch(`${env.url}/v1/export/sessions.csv`, { headers: { 'x-dev-user': VIEWER } });
    const bytes = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await direct.arrayBuffer());
    expect(sessions.content).toBe(bytes);
    expect(sessions.content!.startsWith('\uFEFFIdentifiant;Type;')).toBe(true);
    expect(sessions.content).toContain(";'=SOMME(A1:A3) et « vélos »;");
    // The dialog says where, with a link that opens the folder.
    const dialog = viewer.fakes.ui.dialog!;
    expect(dialog.title).toBe('Export des données');
    expect(dialog.html.getContent()).toContain(`href="https://drive.google.com/drive/folders/${folder.id}"`);
    expect(dialog.html.getContent()).toContain('lang="fr"');
  });

  it('refuses a consultant in French and creates nothing', () => {
    const rt = addon(CONSULTANT);
    const before = rt.fakes.state.driveFiles.length;
    rt.run('exportData');
    expect(rt.fakes.ui.alerts.at(-1)).toMatch(
      /^Export impossible\u00a0: Ces données sont réservées à l’ADEME/,
    );
    expect(rt.fakes.state.driveFiles.length).toBe(before);
    expect(rt.fakes.ui.dialog).toBeNull();
  });
});

describe('Diagnostic de l’installation', () => {
  it('shows every check of the worker’s doctor, each with what to do when it fails', () => {
    const rt = addon(ADMIN);
    rt.run('checkInstallation');
    const dialog = rt.fakes.ui.dialog!;
    expect(dialog.title).toBe('Diagnostic de l’installation');
    const html = dialog.html.getContent();
    for (const name of [
      'database',
      'auth',
      'secrets',
      'shared-drive',
      'alerts-spreadsheet',
      'cron',
      'backups',
    ])
      expect(html).toContain(`<strong>${name}</strong>`);
    // The local worker runs in dev mode: the auth check is red, and says how to fix it.
    expect(html).toMatch(/✘ À corriger<\/span> — <strong>auth<\/strong>/);
    expect(html).toContain('À faire\u00a0: Remettez AUTH_MODE = &quot;google&quot;');
    expect(html).toContain('--dev-user');
  });

  it('is refused to a viewer, in French', () => {
    const rt = addon(VIEWER);
    rt.run('checkInstallation');
    expect(rt.fakes.ui.alerts.at(-1)).toMatch(
      /^Diagnostic impossible\u00a0: Ces données sont réservées aux administrateurs ADEME/,
    );
    expect(rt.fakes.ui.dialog).toBeNull();
  });
});
