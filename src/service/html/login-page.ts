/**
 * The CAS login form. Field names are the ones the manager's CAS server uses (username,
 * password, lt, _eventId, submit), so existing non-browser clients work unchanged.
 */

import { messagesFor, type Language } from './i18n.js';
import { renderDocument } from './layout.js';
import { escapeHtml, renderNotice, type PageNotice } from './page.js';
import { translatedNotice } from './page-text.js';

export interface LoginPageInput {
  /** The single-use login ticket for this form. */
  readonly lt: string;
  /** Where the form posts to (with the service parameter, when there is one). */
  readonly action: string;
  readonly notice?: PageNotice;
  /** The page's language (English when not given). */
  readonly lang?: Language;
}

export function renderLoginPage(input: LoginPageInput): string {
  const lang = input.lang ?? 'en';
  const text = messagesFor(lang);
  const notice = input.notice && translatedNotice(input.notice, text);
  const body = [
    `<h1>${escapeHtml(text['login.title'])}</h1>`,
    `<p>${escapeHtml(text['login.intro'])}</p>`,
    renderNotice(notice),
    `<form method="post" action="${escapeHtml(input.action)}">`,
    '<div class="field">',
    `<label for="username">${escapeHtml(text['login.user_name'])}</label>`,
    '<input type="text" id="username" name="username" autocomplete="username" ' +
      'autocapitalize="none" spellcheck="false" required>',
    '</div>',
    '<div class="field">',
    `<label for="password">${escapeHtml(text['login.password'])}</label>`,
    '<input type="password" id="password" name="password" ' +
      'autocomplete="current-password" required>',
    '</div>',
    `<input type="hidden" name="lt" value="${escapeHtml(input.lt)}">`,
    '<input type="hidden" name="_eventId" value="submit">',
    '<div class="actions">',
    `<button type="submit" name="submit" ` +
      `value="Login">${escapeHtml(text['login.submit'])}</button>`,
    '</div>',
    '</form>',
  ].join('\n');
  return renderDocument({ lang, title: text['login.title'], body, here: input.action });
}
