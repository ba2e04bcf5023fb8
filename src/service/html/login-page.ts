/**
 * The CAS login form. Field names are the ones the manager's CAS server uses (username,
 * password, lt, _eventId, submit), so existing non-browser clients work unchanged.
 */

import { escapeHtml, renderNotice, renderPage, type PageNotice } from './page.js';

export interface LoginPageInput {
  /** The single-use login ticket for this form. */
  readonly lt: string;
  /** Where the form posts to (with the service parameter, when there is one). */
  readonly action: string;
  readonly notice?: PageNotice;
}

export function renderLoginPage(input: LoginPageInput): string {
  const body = [
    '<h1>Log in</h1>',
    renderNotice(input.notice),
    `<form method="post" action="${escapeHtml(input.action)}" autocomplete="off">`,
    '<label for="username">User name</label>',
    '<input type="text" id="username" name="username" autocomplete="username" required>',
    '<label for="password">Password</label>',
    '<input type="password" id="password" name="password" autocomplete="current-password" required>',
    `<input type="hidden" name="lt" value="${escapeHtml(input.lt)}">`,
    '<input type="hidden" name="_eventId" value="submit">',
    '<button type="submit" name="submit" value="Login">Log in</button>',
    '</form>',
  ].join('\n');
  return renderPage('Log in', body);
}
