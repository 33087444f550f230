import { AssignClientInput, CreateUserInput, GrantInput, GrantQuery, ResetPasswordInput, UpdateUserInput, UserRecord, type Services } from '@vigil/core';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../auth/guard.js';

const tags = ['users'];
const IdParams = z.object({ id: z.string() });
const config = { access: 'users:manage' } as const;

/** Account administration: create, change role or disable, reset a password, assign a lawyer's clients. */
export function registerUserRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/users', { config, schema: { tags, summary: 'List accounts', response: { 200: z.object({ items: z.array(UserRecord) }) } } }, async () => ({
    items: await services.accounts.listUsers(),
  }));
  app.post('/api/v1/users', { config, schema: { tags, summary: 'Create an account', body: CreateUserInput, response: { 201: UserRecord } } }, async (req, reply) =>
    reply.status(201).send(await services.accounts.createUser(req.body)),
  );
  app.patch('/api/v1/users/:id', { config, schema: { tags, summary: 'Change role, name, MFA requirement or disable', params: IdParams, body: UpdateUserInput, response: { 200: UserRecord } } }, async (req) =>
    services.accounts.updateUser((req.params as { id: string }).id, req.body),
  );
  app.post('/api/v1/users/:id/password', { config, schema: { tags, summary: 'Set a temporary password (ends the user’s sessions)', params: IdParams, body: ResetPasswordInput, response: { 200: UserRecord } } }, async (req) =>
    services.accounts.resetPassword((req.params as { id: string }).id, req.body),
  );
  app.post('/api/v1/users/:id/clients', { config, schema: { tags, summary: 'Assign a client (person) to a lawyer', params: IdParams, body: AssignClientInput } }, async (req) => ({
    personIds: await services.accounts.assignClient((req.params as { id: string }).id, req.body, actorOf(req)),
  }));
  const grants = { access: 'grants:manage' } as const;
  app.get('/api/v1/grants', { config: grants, schema: { tags, summary: 'Accounts a confidential record is opened to', querystring: GrantQuery } }, async (req) => ({
    items: await services.accounts.grantsOn(req.query),
  }));
  app.post('/api/v1/grants', { config: grants, schema: { tags, summary: 'Open one confidential record to one account', body: GrantInput } }, async (req) => ({
    items: await services.accounts.grant(req.body, actorOf(req)),
  }));
  app.post('/api/v1/grants/revoke', { config: grants, schema: { tags, summary: 'Close a record to an account again', body: GrantInput } }, async (req) => ({
    items: await services.accounts.revoke(req.body),
  }));
}
