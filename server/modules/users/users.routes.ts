import { page } from '../../../domain/schemas/common.ts';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserListQuery, UserView } from '../../../domain/schemas/users.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, IdParams, type App } from '../../lib/http.ts';
import * as svc from './users.service.ts';

export function registerUserRoutes(app: App, deps: Deps): void {
  const tags = ['users'];
  app.get(
    '/api/v1/users',
    { schema: { tags, summary: 'Users (administrator)', querystring: UserListQuery, response: { 200: page(UserView), ...commonErrors } } },
    async (request) => svc.listUsers(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (administrator); the user must change the password at first login',
        body: CreateUserBody,
        response: { 201: UserView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.createUser(deps, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user (administrator)', params: IdParams, response: { 200: UserView, ...commonErrors } } },
    async (request) => svc.getUser(deps, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit, disable or enable a user, assign office and roles (administrator)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserView, ...commonErrors },
      },
    },
    async (request) => svc.updateUser(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a new one-time password; all sessions of the user end (administrator)',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 200: UserView, ...commonErrors },
      },
    },
    async (request) => svc.resetPassword(deps, actorOf(request), request.params.id, request.body.password),
  );
  app.post(
    '/api/v1/users/:id/unlock',
    { schema: { tags, summary: 'Lift a login lockout (administrator)', params: IdParams, response: { 200: UserView, ...commonErrors } } },
    async (request) => svc.unlockUser(deps, actorOf(request), request.params.id),
  );
}
