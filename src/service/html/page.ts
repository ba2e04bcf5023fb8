/**
 * The frame of the plain server-rendered pages (refusals, logout): no script, kerbside's own
 * style sheet. Pages are built from escaped strings only.
 */

/** Escape text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A message shown on a page, with the result code scripts can read from `data-result-code`. */
export interface PageNotice {
  readonly code: number;
  readonly reason: string;
  readonly text: string;
}

/**
 * The server sends `Referrer-Policy: no-referrer`, under which browsers send `Origin: null`
 * with a same-origin POST (Fetch standard, "serializing a request origin"), and the
 * cross-site check (forgery.ts) refuses that. `same-origin` sends the real Origin here and
 * still no referrer to any other site.
 */
export const REFERRER_META = '<meta name="referrer" content="same-origin">';

/** A complete HTML document. `body` must already be escaped HTML. */
export function renderPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    REFERRER_META,
    '<link rel="stylesheet" href="/assets/kerbside.css">',
    '</head>',
    `<body><main>${body}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

/** The notice paragraph, or nothing. */
export function renderNotice(notice: PageNotice | undefined): string {
  if (!notice) return '';
  return (
    `<p class="notice" role="alert" data-result-code="${notice.code}" ` +
    `data-reason="${escapeHtml(notice.reason)}">${escapeHtml(notice.text)}</p>`
  );
}
