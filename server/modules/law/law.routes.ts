import { LawView } from '../../../domain/schemas/law.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import { lawView } from './law.service.ts';

export function registerLawRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/law',
    {
      schema: {
        tags: ['law'],
        summary:
          'Every requirement of the Agreement, the Protocol and Order No. 136: its text, what the system does, the domain rules that carry it out, ' +
          'the tests that prove it with their last CI result, and how often it applied in the user’s Party this year',
        response: { 200: LawView, ...commonErrors },
      },
    },
    async (request) => lawView(deps, actorOf(request)),
  );
}
