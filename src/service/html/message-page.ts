/**
 * A page that only says something: a refusal, a logout, a link onwards.
 */

import { escapeHtml, renderNotice, renderPage, type PageNotice } from './page.js';

export interface MessagePageInput {
  readonly title: string;
  readonly text?: string;
  readonly notice?: PageNotice;
  readonly link?: { readonly href: string; readonly text: string };
  /** A button that POSTs to this path (for logout, which must not be a GET). */
  readonly postButton?: { readonly action: string; readonly text: string };
}

export function renderMessagePage(input: MessagePageInput): string {
  const parts = [`<h1>${escapeHtml(input.title)}</h1>`, renderNotice(input.notice)];
  if (input.text) parts.push(`<p>${escapeHtml(input.text)}</p>`);
  if (input.postButton) {
    parts.push(
      `<form method="post" action="${escapeHtml(input.postButton.action)}">` +
        `<button type="submit">${escapeHtml(input.postButton.text)}</button></form>`,
    );
  }
  if (input.link) {
    parts.push(
      `<p><a href="${escapeHtml(input.link.href)}">${escapeHtml(input.link.text)}</a></p>`,
    );
  }
  return renderPage(input.title, parts.join('\n'));
}
