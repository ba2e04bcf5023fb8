/**
 * The languages of the web pages and how one is chosen: the `lang` query parameter (a switch
 * link, remembered in the `lang` cookie), else the `lang` cookie, else the browser's
 * Accept-Language, else English. Each language has one message table (messages/*.ts).
 */

import type { FastifyReply, FastifyRequest } from 'fastify';

import type { ServiceConfig } from '../config.js';
import { queryOf } from '../request/query.js';
import { EN } from './messages/en.js';
import { ZH_CN } from './messages/zh-cn.js';

/** A language the pages are written in, as its BCP 47 tag. */
export type Language = 'en' | 'zh-CN';

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** The key of a page string. */
export type MessageKey = keyof typeof EN;

/** One language's page strings. */
export type Messages = Readonly<Record<MessageKey, string>>;

const TABLES: Readonly<Record<Language, Messages>> = { en: EN, 'zh-CN': ZH_CN };

/** The cookie that remembers the language picked with the switch. */
export const LANGUAGE_COOKIE = 'lang';

const YEAR_SECONDS = 365 * 86400;

/** The message table of a language. */
export function messagesFor(lang: Language): Messages {
  return TABLES[lang];
}

/** A page string with its `{name}` placeholders filled in (unknown names stay as they are). */
export function formatMessage(
  template: string,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The language of the page for this request; a valid `?lang=` is also remembered. */
export function chooseLanguage(
  request: FastifyRequest,
  reply: FastifyReply,
  config: ServiceConfig,
): Language {
  const asked = asLanguage(queryOf(request).get('lang')?.[0]);
  if (asked) {
    reply.setCookie(LANGUAGE_COOKIE, asked, {
      path: '/',
      maxAge: YEAR_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
      secure:
        config.secureCookies === 'always' ||
        (config.secureCookies === 'auto' && request.protocol === 'https'),
    });
    return asked;
  }
  return (
    asLanguage(request.cookies[LANGUAGE_COOKIE]) ??
    fromAcceptLanguage(request.headers['accept-language']) ??
    'en'
  );
}

/** A supported language named exactly, or undefined. */
export function asLanguage(value: string | undefined): Language | undefined {
  return LANGUAGES.find((lang) => lang === value);
}

/**
 * The best supported language of an Accept-Language header (RFC 9110 section 12.5.4):
 * ranges by descending weight, `zh` and its subtags to Simplified Chinese, `en` to English.
 */
export function fromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => rangeOf(part, index))
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const range of ranges) {
    const lang = supportedFor(range.tag);
    if (lang) return lang;
  }
  return undefined;
}

function rangeOf(part: string, index: number): { tag: string; weight: number; index: number } {
  const [tag = '', ...params] = part.trim().split(';');
  const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
  const weight = q === undefined ? 1 : Number(q.slice(2));
  return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
}

function supportedFor(tag: string): Language | undefined {
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return undefined;
}
