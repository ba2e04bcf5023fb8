/**
 * The frame of the translated pages: the style sheet and (optionally) one module script
 * served by kerbside itself, a skip link, the language switch, and the page's settings for
 * its script as a JSON block (read, never executed: the Content-Security-Policy allows no
 * inline script).
 */

import { LANGUAGES, messagesFor, type Language } from './i18n.js';
import { escapeHtml, REFERRER_META } from './page.js';

/** Where the style sheet is served. */
export const STYLE_SHEET_PATH = '/assets/kerbside.css';

/** The id of the JSON block a page script reads its settings from. */
export const CONFIG_ELEMENT_ID = 'kerbside-config';

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
};

export interface DocumentInput {
  readonly lang: Language;
  readonly title: string;
  /** The page's content, already escaped HTML. */
  readonly body: string;
  /** This page's path and query (without `lang`), for the language switch links. */
  readonly here: string;
  /** A module script under /assets/, e.g. `change-password.js`. */
  readonly script?: string;
  /** Settings for the script, serialised into the JSON block. */
  readonly config?: unknown;
}

/** A complete translated HTML document. */
export function renderDocument(input: DocumentInput): string {
  const text = messagesFor(input.lang);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    REFERRER_META,
    `<title>${escapeHtml(input.title)} · ${escapeHtml(text['page.app_name'])}</title>`,
    `<link rel="stylesheet" href="${STYLE_SHEET_PATH}">`,
    input.script ? `<script type="module" src="/assets/${escapeHtml(input.script)}"></script>` : '',
  ];
  const body = [
    `<a class="skip" href="#main">${escapeHtml(text['page.skip'])}</a>`,
    '<header class="bar">',
    `<span class="brand">${escapeHtml(text['page.app_name'])}</span>`,
    renderLanguageSwitch(input.lang, input.here),
    '</header>',
    `<main id="main" tabindex="-1">${input.body}</main>`,
    input.config === undefined ? '' : renderConfig(input.config),
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${input.lang}">`,
    `<head>${head.filter(Boolean).join('\n')}</head>`,
    `<body>${body.filter(Boolean).join('\n')}</body>`,
    '</html>',
    '',
  ].join('\n');
}

function renderLanguageSwitch(current: Language, here: string): string {
  const text = messagesFor(current);
  const links = LANGUAGES.map((lang) => {
    const href = `${here}${here.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}`;
    const currentMark = lang === current ? ' aria-current="true"' : '';
    return (
      `<li><a href="${escapeHtml(href)}" lang="${lang}" hreflang="${lang}"${currentMark}>` +
      `${escapeHtml(LANGUAGE_NAMES[lang])}</a></li>`
    );
  });
  return (
    `<nav aria-label="${escapeHtml(text['page.language'])}">` +
    `<ul class="languages">${links.join('')}</ul></nav>`
  );
}

/** JSON inside a script element: `<` escaped so no `</script>` can end it early. */
function renderConfig(config: unknown): string {
  const json = JSON.stringify(config).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="${CONFIG_ELEMENT_ID}">${json}</script>`;
}
