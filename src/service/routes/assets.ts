/**
 * GET /assets/NAME: the pages' style sheet and scripts, served by kerbside itself (no CDN, no
 * internet access needed). Only the listed files exist; they are read once at start.
 */

import { readFileSync } from 'node:fs';

import type { FastifyInstance } from 'fastify';

import { refuseOtherMethods } from './method-not-allowed.js';

const JS = 'text/javascript; charset=utf-8';

/** Every served file and its media type. */
const ASSETS: Readonly<Record<string, string>> = {
  'kerbside.css': 'text/css; charset=utf-8',
  'page.js': JS,
  'change-password.js': JS,
  'password-rules.js': JS,
};

// build copies src/service/assets next to the compiled routes, so this resolves both in
// src (tests, tsx) and in dist.
const FOLDER = new URL('../assets/', import.meta.url);

export function registerAssets(app: FastifyInstance): void {
  for (const [name, type] of Object.entries(ASSETS)) {
    const content = readFileSync(new URL(name, FOLDER));
    const path = `/assets/${name}`;
    app.get(path, async (_request, reply) => reply.type(type).send(content));
    refuseOtherMethods(app, path, ['GET']);
  }
}
