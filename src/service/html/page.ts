/**
 * The frame shared by the server-rendered pages: no script, no external resource, one small
 * inline style sheet. Pages are built from escaped strings only.
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

const STYLE = `
body { font-family: system-ui, sans-serif; background: #f4f5f7; margin: 0; }
main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem;
  border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 1.4rem; margin-top: 0; }
label { display: block; margin: 1rem 0 .3rem; }
input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; }
button { margin-top: 1.5rem; padding: .5rem 1.5rem; }
.notice { padding: .6rem; border-radius: 4px; background: #fdecea; color: #611a15; }
`;

/** A complete HTML document. `body` must already be escaped HTML. */
export function renderPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
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
