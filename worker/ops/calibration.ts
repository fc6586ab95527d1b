/**
 * Google's layout against the local estimate, as the doctor's probe document measured it
 * (migration 0015): Google's pages ÷ estimated pages of the same document.
 */
export interface Calibration {
  ratio: number;
  googlePages: number;
  estimatedPages: number;
  measuredAt: string;
  measuredBy: string;
}

export async function saveCalibration(db: D1Database, c: Calibration): Promise<void> {
  await db
    .prepare(
      `INSERT INTO layout_calibration (id, ratio, google_pages, estimated_pages, measured_at, measured_by)
       VALUES ('google-docs', ?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (id) DO UPDATE SET ratio = ?1, google_pages = ?2, estimated_pages = ?3, measured_at = ?4, measured_by = ?5`,
    )
    .bind(c.ratio, c.googlePages, c.estimatedPages, c.measuredAt, c.measuredBy)
    .run();
}

/** The last ratio measured, or null before the first probe (the fitter then trusts its estimate). */
export async function layoutRatio(db: D1Database): Promise<number | null> {
  const row = await db
    .prepare("SELECT ratio FROM layout_calibration WHERE id = 'google-docs'")
    .first<{ ratio: number }>();
  return row ? Number(row.ratio) : null;
}
