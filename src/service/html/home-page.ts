/**
 * The web home a browser lands on after login: who is logged in, when the password expires
 * (with a reminder when that is soon), a link to change it, and logout. A user whose
 * password must be changed never sees it: GET /web/ sends them to the change page.
 */

import { formatMessage, messagesFor, type Language } from './i18n.js';
import { renderDocument } from './layout.js';
import { renderLogoutForm } from './logout-form.js';
import { escapeHtml } from './page.js';

/** Where the change page is served. */
export const CHANGE_PAGE_PATH = '/web/change-password';

export interface HomePageInput {
  readonly principal: string;
  /** ISO time the password expires, or null. */
  readonly passwordExpires: string | null;
  readonly lang?: Language;
  /** login_check's remind_pwd: the password expires within the configured days. */
  readonly remind?: boolean;
  /** login_check's password_days_left. */
  readonly daysLeft?: number | null;
  /** The user arrives from a successful password change. */
  readonly changed?: boolean;
}

export function renderHomePage(input: HomePageInput): string {
  const lang = input.lang ?? 'en';
  const text = messagesFor(lang);
  const parts = [`<h1>${escapeHtml(text['home.title'])}</h1>`];
  if (input.changed) {
    parts.push(`<p class="banner ok" role="status">${escapeHtml(text['home.changed'])}</p>`);
  }
  if (input.remind && input.passwordExpires) parts.push(renderReminder(input, lang));
  const loggedInAs = formatMessage(text['home.logged_in_as'], { principal: input.principal });
  parts.push(
    `<p>${escapeHtml(loggedInAs)}</p>`,
    `<p>${escapeHtml(expiryText(input.passwordExpires, lang))}</p>`,
    '<div class="actions">',
    `<a class="button" href="${CHANGE_PAGE_PATH}">${escapeHtml(text['home.change_link'])}</a>`,
    renderLogoutForm(text),
    '</div>',
  );
  return renderDocument({
    lang,
    title: text['home.title'],
    body: parts.join('\n'),
    here: '/web/',
    script: 'page.js',
  });
}

function renderReminder(input: HomePageInput, lang: Language): string {
  const text = messagesFor(lang);
  const date = formatDate(input.passwordExpires ?? '', lang);
  const days = input.daysLeft ?? 0;
  const sentence =
    days > 0
      ? formatMessage(text['home.reminder'], { days, date })
      : formatMessage(text['home.reminder_today'], { date });
  return (
    `<div class="banner warn" id="reminder" data-days-left="${days}"><p>` +
    `${escapeHtml(sentence)} <a href="${CHANGE_PAGE_PATH}">` +
    `${escapeHtml(text['home.reminder_action'])}</a></p></div>`
  );
}

function expiryText(expires: string | null, lang: Language): string {
  const text = messagesFor(lang);
  if (expires === null) return text['home.never_expires'];
  return formatMessage(text['home.expires'], { date: formatDate(expires, lang) });
}

/** A date and time in the page's language, in UTC (the server does not know the user's zone). */
export function formatDate(iso: string, lang: Language): string {
  const format = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${format.format(new Date(iso))} UTC`;
}
