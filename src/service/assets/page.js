/**
 * What every kerbside page script shares: the session's anti-forgery token (from
 * login_check) and logout through the API. Plain JavaScript, no framework, served as is.
 */

const LOGIN_CHECK = '/web/v1/access/login_check';
const LOGOUT_ACTION = '/web/v1/logout_action?is_timeout_logout=false';

/** The header that carries the session's token on requests that change something. */
export const TOKEN_HEADER = 'X-Kerbside-Token';

/** The web session's token from login_check, or '' when there is no session. */
export async function sessionToken() {
  const response = await fetch(LOGIN_CHECK, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (!response.ok) return '';
  const answer = await response.json();
  return typeof answer.token === 'string' ? answer.token : '';
}

/** Request headers with the token, when there is one. */
export function tokenHeaders(token) {
  return token ? { [TOKEN_HEADER]: token } : {};
}

/** `{name}` placeholders filled in, as the server's formatMessage does. */
export function formatMessage(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The page's settings from its JSON block, or an empty object. */
export function pageConfig() {
  const element = document.getElementById('kerbside-config');
  return element ? JSON.parse(element.textContent ?? '{}') : {};
}

// Log out as the API documents: logout_action ends the web session, POST /cas/logout ends
// the single sign-on session. When a step fails the form posts as it would without script.
async function logOut(form) {
  const button = form.querySelector('button');
  if (button) button.disabled = true;
  try {
    const headers = tokenHeaders(await sessionToken().catch(() => ''));
    await fetch(LOGOUT_ACTION, { headers, credentials: 'same-origin' });
    const done = await fetch(form.action, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      credentials: 'same-origin',
    });
    if (!done.ok) throw new Error('logout refused');
    window.location.assign(form.dataset.after ?? '/cas/login');
  } catch {
    form.submit();
  }
}

function wireLogout() {
  const form = document.getElementById('logout-form');
  if (!form) return;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void logOut(form);
  });
}

wireLogout();
