/**
 * The web home a browser lands on after login. The change-password page comes later; until
 * then this page says who is logged in and whether the password must be changed.
 */

import { escapeHtml, renderPage } from './page.js';

export interface HomePageInput {
  readonly principal: string;
  readonly mustChange: boolean;
  /** ISO time the password expires, or null. */
  readonly passwordExpires: string | null;
}

export function renderHomePage(input: HomePageInput): string {
  const parts = ['<h1>kerbside</h1>', `<p>Logged in as <b>${escapeHtml(input.principal)}</b>.</p>`];
  if (input.mustChange) {
    parts.push('<p class="notice">Your password must be changed before anything else.</p>');
  }
  if (input.passwordExpires) {
    parts.push(`<p>Your password expires at ${escapeHtml(input.passwordExpires)}.</p>`);
  }
  parts.push('<p><a href="/cas/logout">Log out</a></p>');
  return renderPage('kerbside', parts.join('\n'));
}
