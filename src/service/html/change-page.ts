/**
 * The change-password page. The rules of the service's policy are listed server-side; the
 * page script (assets/change-password.js) ticks them off as the user types, with the same
 * rule logic (assets/password-rules.js), flags a confirmation mismatch at once, and submits
 * to modify_self_password with a JSON body, showing the answer in the page's language.
 */

import type { PolicyConfig } from '../policy.js';
import { formatMessage, messagesFor, type Language, type Messages } from './i18n.js';
import { renderDocument } from './layout.js';
import { renderLogoutForm } from './logout-form.js';
import { escapeHtml } from './page.js';
import { ruleLines, type RuleLine } from './page-text.js';

/** The settings the page script reads from the JSON block. */
export interface ChangePageConfig {
  readonly lang: Language;
  /** The bare user name (the policy compares the password with it). */
  readonly user: string;
  readonly policy: PolicyConfig;
  readonly messages: Messages;
  /** Where to go after a successful change. */
  readonly nextPath: string;
  /** Where to log in again when the session has ended. */
  readonly loginPath: string;
}

export interface ChangePageInput {
  readonly lang: Language;
  readonly principal: string;
  readonly user: string;
  readonly policy: PolicyConfig;
  /** The password is expired or must be changed: the user can do nothing else. */
  readonly forced: boolean;
  readonly nextPath: string;
  readonly loginPath: string;
  /** This page's path, for the language switch. */
  readonly here: string;
}

export function renderChangePage(input: ChangePageInput): string {
  const text = messagesFor(input.lang);
  const user = formatMessage(text['change.user'], { principal: input.principal });
  const body = [
    `<h1>${escapeHtml(text['change.title'])}</h1>`,
    `<p class="hint">${escapeHtml(user)}</p>`,
    input.forced
      ? `<p class="banner warn" id="forced">${escapeHtml(text['change.forced'])}</p>`
      : '',
    '<div id="result" class="result" role="alert" tabindex="-1"></div>',
    renderForm(input, text),
    renderLogoutForm(text),
  ];
  const config: ChangePageConfig = {
    lang: input.lang,
    user: input.user,
    policy: input.policy,
    messages: text,
    nextPath: input.nextPath,
    loginPath: input.loginPath,
  };
  return renderDocument({
    lang: input.lang,
    title: text['change.title'],
    body: body.filter(Boolean).join('\n'),
    here: input.here,
    script: 'change-password.js',
    config,
  });
}

function renderForm(input: ChangePageInput, text: Messages): string {
  return [
    '<form id="change-form" method="post" action="/web/v1/access/modify_self_password" novalidate>',
    `<input type="text" name="username" autocomplete="username" ` +
      `value="${escapeHtml(input.user)}" hidden>`,
    renderField('old-password', 'old_password', text['change.old'], 'current-password'),
    renderField('new-password', 'new_password', text['change.new'], 'new-password', 'rules'),
    renderRules(ruleLines(input.policy, text), text),
    renderField('confirm-password', 'confirm_password', text['change.confirm'], 'new-password'),
    '<div class="field check">',
    '<input type="checkbox" id="show-passwords">',
    ` <label for="show-passwords">${escapeHtml(text['change.show'])}</label>`,
    '</div>',
    '<div class="actions">',
    `<button type="submit" id="change-submit">${escapeHtml(text['change.submit'])}</button>`,
    input.forced
      ? ''
      : `<a href="${escapeHtml(input.nextPath)}">${escapeHtml(text['change.back'])}</a>`,
    '</div>',
    '<p id="progress" class="hint" role="status"></p>',
    '</form>',
  ]
    .filter(Boolean)
    .join('\n');
}

function renderField(
  id: string,
  name: string,
  label: string,
  autocomplete: string,
  describedBy?: string,
): string {
  const described = [`${id}-error`, describedBy].filter(Boolean).join(' ');
  return [
    '<div class="field">',
    `<label for="${id}">${escapeHtml(label)}</label>`,
    `<input type="password" id="${id}" name="${name}" autocomplete="${autocomplete}" ` +
      `required aria-describedby="${described}">`,
    `<p id="${id}-error" class="field-error" aria-live="polite"></p>`,
    '</div>',
  ].join('\n');
}

function renderRules(lines: readonly RuleLine[], text: Messages): string {
  const items = lines.map((line) => {
    const kinds = line.kinds
      ? '<ul class="kind-list">' +
        line.kinds.map((k) => `<li data-kind="${k.kind}">${ruleContent(k.text)}</li>`).join('') +
        '</ul>'
      : '';
    return `<li id="rule-${line.id}" data-rule="${line.id}">${ruleContent(line.text)}${kinds}</li>`;
  });
  return [
    '<section class="rules" id="rules" aria-labelledby="rules-heading">',
    `<h2 id="rules-heading">${escapeHtml(text['change.rules_heading'])}</h2>`,
    `<ul class="rule-list">${items.join('\n')}</ul>`,
    `<noscript><p class="hint">${escapeHtml(text['change.needs_script'])}</p></noscript>`,
    '<p id="rules-summary" class="sr-only" aria-live="polite"></p>',
    '</section>',
  ].join('\n');
}

function ruleContent(text: string): string {
  return (
    '<span class="mark" aria-hidden="true"></span>' +
    `<span class="rule-text">${escapeHtml(text)}</span>` +
    '<span class="sr-only rule-state"></span>'
  );
}
