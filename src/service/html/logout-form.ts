/**
 * The logout button: a form that POSTs to /cas/logout, which works without script. The page
 * script (assets/page.js) takes the submit over to call logout_action first, as the API
 * documents, then POST /cas/logout, then show the logged-out page in the page's language.
 */

import type { Messages } from './i18n.js';
import { escapeHtml } from './page.js';

/** Where the translated logged-out page is served. */
export const LOGGED_OUT_PATH = '/web/logged-out';

export function renderLogoutForm(text: Messages): string {
  return (
    `<form method="post" action="/cas/logout" id="logout-form" data-after="${LOGGED_OUT_PATH}">` +
    `<button type="submit" class="secondary">${escapeHtml(text['logout.button'])}</button></form>`
  );
}
