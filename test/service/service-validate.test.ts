/**
 * CAS ticket validation for the other services of `allowedServices`: the user on success, and
 * a refusal for a ticket that is unknown, used, for another service, or from a session that
 * may only change its password.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client } from './helpers/client.js';
import { testApp } from './helpers/app.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const PASSWORD = 'Old pass1!';
const APP = 'https://app.example/login';
const OTHER = 'https://other.example/login';

async function setup() {
  const backend = new MemoryBackend()
    .add('alice', { password: PASSWORD })
    .add('must', { password: PASSWORD, mustChange: true });
  const t = await testApp({ backend, config: { allowedServices: [APP, OTHER] } });
  return new Client(t.app);
}

/** Logs in for `service` and returns the ticket the redirect carries. */
async function ticketFor(client: Client, user: string, service: string): Promise<string> {
  const login = await client.postLogin(user, PASSWORD, await client.loginTicket(), service);
  assert.equal(login.statusCode, 302, login.body);
  const ticket = new URL(String(login.headers.location)).searchParams.get('ticket');
  assert.ok(ticket);
  return ticket;
}

async function validate(client: Client, service: string, ticket: string, path = 'serviceValidate') {
  const query = new URLSearchParams({ service, ticket }).toString();
  const response = await client.request({ method: 'GET', url: `/cas/${path}?${query}` });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/xml/);
  return response.body;
}

test('a ticket for an allowed service validates once, naming the user', async () => {
  const client = await setup();
  const ticket = await ticketFor(client, 'alice', APP);

  const body = await validate(client, `${APP}?next=/x`, ticket);
  assert.match(body, /<cas:authenticationSuccess><cas:user>alice<\/cas:user>/);

  const again = await validate(client, APP, ticket);
  assert.match(again, /<cas:authenticationFailure code="INVALID_TICKET">/);
});

test('a ticket presented by another service is refused, and used up', async () => {
  const client = await setup();
  const ticket = await ticketFor(client, 'alice', APP);
  assert.match(await validate(client, OTHER, ticket, 'p3/serviceValidate'), /INVALID_SERVICE/);
  assert.match(await validate(client, APP, ticket), /INVALID_TICKET/);
});

test('a must-change session opens no other service', async () => {
  const client = await setup();
  const ticket = await ticketFor(client, 'must', APP);
  const body = await validate(client, APP, ticket);
  assert.match(body, /INVALID_TICKET">the password must be changed first</);
});

test('missing parameters are an INVALID_REQUEST', async () => {
  const client = await setup();
  const response = await client.request({ method: 'GET', url: '/cas/serviceValidate?ticket=x' });
  assert.match(response.body, /code="INVALID_REQUEST"/);
});
