// HTML the add-on's server code builds by hand (the dialogs of the export and of the doctor):
// every text put into it goes through `escapeHtml`. Sidebars build their pages with the DOM.

/** Text safe in HTML content and in a quoted attribute. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
