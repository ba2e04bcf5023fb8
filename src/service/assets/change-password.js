/**
 * The change-password page: ticks the password rules off as the user types (the same logic
 * as the server, password-rules.js), flags a confirmation mismatch at once, and submits to
 * modify_self_password with a JSON body, showing the answer, with the Kerberos server's
 * reasons, in the page's language.
 */

import { formatMessage, pageConfig, sessionToken, tokenHeaders } from './page.js';
import { checkRules, kindsIn, RULE_OF_VIOLATION } from './password-rules.js';

const CHANGE = '/web/v1/access/modify_self_password';
const SUMMARY_DELAY_MS = 800;

const config = pageConfig();
const text = config.messages;
const form = document.getElementById('change-form');
const fields = {
  old: document.getElementById('old-password'),
  new: document.getElementById('new-password'),
  confirm: document.getElementById('confirm-password'),
};
const result = document.getElementById('result');
const progress = document.getElementById('progress');
const submit = document.getElementById('change-submit');
let summaryTimer;

function violationsOf(candidate) {
  const subject = { user: config.user, oldPassword: fields.old.value };
  return checkRules(candidate, subject, config.policy);
}

function setState(item, state) {
  if (state === undefined) item.removeAttribute('data-state');
  else item.dataset.state = state;
  const label = item.querySelector(':scope > .rule-state');
  if (label) {
    label.textContent = state === undefined ? '' : ` (${text[`change.rule_${state}`]})`;
  }
}

function updateRules() {
  const candidate = fields.new.value;
  const empty = candidate === '';
  const broken = new Set(violationsOf(candidate).map((v) => RULE_OF_VIOLATION[v.rule]));
  const rules = [...document.querySelectorAll('[data-rule]')];
  for (const item of rules) {
    setState(item, empty ? undefined : broken.has(item.dataset.rule) ? 'unmet' : 'met');
  }
  const kinds = kindsIn(candidate, config.policy);
  for (const item of document.querySelectorAll('[data-kind]')) {
    setState(item, empty ? undefined : kinds.has(item.dataset.kind) ? 'met' : 'unmet');
  }
  const met = rules.filter((item) => item.dataset.state === 'met').length;
  announceSummary(
    empty ? '' : formatMessage(text['change.rules_summary'], { met, total: rules.length }),
  );
}

// A summary after a pause in typing, rather than every keystroke, for screen readers.
function announceSummary(message) {
  clearTimeout(summaryTimer);
  summaryTimer = setTimeout(() => {
    document.getElementById('rules-summary').textContent = message;
  }, SUMMARY_DELAY_MS);
}

function setFieldError(field, message) {
  document.getElementById(`${field.id}-error`).textContent = message;
  if (message) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}

/** A mismatch shows as soon as the confirmation stops being a prefix of the new password. */
function updateMismatch(finished) {
  const typed = fields.confirm.value;
  const wanted = fields.new.value;
  const wrong = typed !== '' && (finished ? typed !== wanted : !wanted.startsWith(typed));
  setFieldError(fields.confirm, wrong ? text['error.mismatch'] : '');
}

/** A violation (the API's JSON shape) in plain words. */
function violationText(violation) {
  const v = violation;
  switch (v.reason) {
    case 'too_short':
      return v.min_length == null
        ? text['violation.too_short_unknown']
        : formatMessage(text['violation.too_short'], v);
    case 'too_long':
      return formatMessage(text['violation.too_long'], v);
    case 'too_few_kinds':
      return kindsText(v);
    case 'too_few_classes':
      return v.min_classes == null
        ? text['violation.too_few_classes_unknown']
        : formatMessage(text['violation.too_few_classes'], v);
    case 'reused':
      return v.history == null
        ? text['violation.reused_unknown']
        : formatMessage(text['violation.reused'], v);
    case 'too_soon':
      return v.until == null
        ? text['violation.too_soon_unknown']
        : formatMessage(text['violation.too_soon'], { until: localTime(v.until) });
    default: {
      const known = text[`violation.${v.reason}`];
      return known ?? text['violation.other'];
    }
  }
}

function kindsText(v) {
  if (!Array.isArray(v.missing_kinds) || v.missing_kinds.length === 0) {
    return formatMessage(text['violation.too_few_kinds'], v);
  }
  const names = v.missing_kinds.map((kind) => text[`kindname.${kind}`] ?? kind);
  const kinds = names.join(text['list.separator']);
  return formatMessage(text['violation.too_few_kinds_missing'], { ...v, kinds });
}

function localTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(config.lang, { dateStyle: 'long', timeStyle: 'short' });
}

/** The browser's violations in the API's JSON shape, to be told like the server's. */
function asJson(violation) {
  const json = { reason: violation.rule };
  if ('minLength' in violation) json.min_length = violation.minLength;
  if ('maxLength' in violation) json.max_length = violation.maxLength;
  if ('minKinds' in violation) json.min_kinds = violation.minKinds;
  if ('missingKinds' in violation) json.missing_kinds = violation.missingKinds;
  return json;
}

function showResult(kind, message, details = [], link) {
  result.className = `result ${kind}`;
  result.replaceChildren();
  const paragraph = document.createElement('p');
  paragraph.textContent = message;
  result.append(paragraph);
  if (details.length > 0) {
    const list = document.createElement('ul');
    for (const detail of details) {
      const item = document.createElement('li');
      item.textContent = detail;
      list.append(item);
    }
    result.append(list);
  }
  if (link) {
    const anchor = document.createElement('a');
    anchor.href = link.href;
    anchor.textContent = link.text;
    const wrap = document.createElement('p');
    wrap.append(anchor);
    result.append(wrap);
  }
}

function clearErrors() {
  result.className = 'result';
  result.replaceChildren();
  for (const field of Object.values(fields)) setFieldError(field, '');
}

/** The form's own checks; returns the first field to fix, or undefined. */
function checkForm() {
  const missing = [
    [fields.old, 'error.required_old'],
    [fields.new, 'error.required_new'],
    [fields.confirm, 'error.required_confirm'],
  ].filter(([field]) => field.value === '');
  for (const [field, key] of missing) setFieldError(field, text[key]);
  if (missing.length > 0) {
    showResult('error', missing.map(([, key]) => text[key]).join(' '));
    return missing[0][0];
  }

  const violations = violationsOf(fields.new.value);
  if (violations.length > 0) {
    const details = violations.map((v) => violationText(asJson(v)));
    setFieldError(fields.new, details.join(text['list.sentence_separator']));
    showResult('error', text['error.rules'], details);
    return fields.new;
  }

  updateMismatch(true);
  if (fields.confirm.value !== fields.new.value) {
    showResult('error', text['error.mismatch']);
    return fields.confirm;
  }
  return undefined;
}

/** The field an answer is about, for aria-invalid and focus. */
function fieldOf(reason) {
  if (reason === 'wrong_old_password') return fields.old;
  if (reason === 'confirm_mismatch') return fields.confirm;
  if (['new_equals_old', 'local_policy', 'kdc_policy'].includes(reason)) return fields.new;
  return undefined;
}

function showAnswer(answer) {
  const reason = String(answer.reason ?? 'other');
  const message = text[`result.${reason}`] ?? answer.result_desc ?? text['result.other'];
  const details = Array.isArray(answer.violations) ? answer.violations.map(violationText) : [];
  const link =
    reason === 'not_logged_in'
      ? { href: config.loginPath, text: text['error.login_again'] }
      : undefined;
  showResult('error', message, details, link);
  result.dataset.resultCode = String(answer.int_result_code ?? '');
  const field = fieldOf(reason);
  if (field)
    setFieldError(
      field,
      details.length > 0 ? details.join(text['list.sentence_separator']) : message,
    );
  (field ?? result).focus();
}

function setBusy(busy) {
  submit.disabled = busy;
  form.setAttribute('aria-busy', String(busy));
  progress.textContent = busy ? text['status.sending'] : '';
}

async function send() {
  const token = await sessionToken();
  const response = await fetch(CHANGE, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...tokenHeaders(token),
    },
    credentials: 'same-origin',
    body: JSON.stringify({
      old_password: fields.old.value,
      new_password: fields.new.value,
      confirm_password: fields.confirm.value,
    }),
  });
  return response.json();
}

async function onSubmit(event) {
  event.preventDefault();
  clearErrors();
  const invalid = checkForm();
  if (invalid) {
    invalid.focus();
    return;
  }

  setBusy(true);
  let answer;
  try {
    answer = await send();
  } catch {
    setBusy(false);
    showResult('error', text['error.network']);
    result.focus();
    return;
  }

  if (answer.int_result_code === 0) {
    window.location.assign(config.nextPath);
    return;
  }
  setBusy(false);
  showAnswer(answer);
}

function showPasswords(shown) {
  for (const field of Object.values(fields)) field.type = shown ? 'text' : 'password';
}

fields.new.addEventListener('input', () => {
  updateRules();
  updateMismatch(false);
});
fields.old.addEventListener('input', updateRules);
fields.confirm.addEventListener('input', () => updateMismatch(false));
fields.confirm.addEventListener('change', () => updateMismatch(true));
document.getElementById('show-passwords').addEventListener('change', (event) => {
  showPasswords(event.target.checked);
});
form.addEventListener('submit', (event) => void onSubmit(event));
updateRules();
