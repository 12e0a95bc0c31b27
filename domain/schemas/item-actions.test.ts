import { describe, expect, it } from 'vitest';
import { ITEM_ACTIONS } from '../item-status.ts';
import { OUTCOME_ISSUES } from '../items.ts';
import { ITEM_ACTION_ROUTES, ITEM_ACTION_SPECS, messageAction, postedAction, type ItemActionSpec } from './item-actions.ts';

const specs: [string, ItemActionSpec][] = Object.entries(ITEM_ACTION_SPECS);
const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; params?: { rule?: string } }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}:${i.params?.rule ?? '?'}`);

describe('the posted item actions, declared once', () => {
  it('every action of the machine but update (the PATCH) has exactly one spec, and no spec names another action', () => {
    expect(specs.map(([a]) => a).sort()).toEqual(ITEM_ACTIONS.filter((a) => a !== 'update').sort());
  });

  it('each path is registered once; only a message and its proposal of conditions share one, with the same body and summary', () => {
    expect(ITEM_ACTION_ROUTES.map((r) => r.path).sort()).toEqual([...new Set(specs.map(([, s]) => s.path))].sort());
    const shared = ITEM_ACTION_ROUTES.filter((r) => r.actions.length > 1);
    expect(shared).toEqual([{ path: 'messages', actions: ['message', 'propose_conditions'] }]);
    expect(ITEM_ACTION_SPECS.propose_conditions.body).toBe(ITEM_ACTION_SPECS.message.body);
    expect(ITEM_ACTION_SPECS.propose_conditions.summary).toBe(ITEM_ACTION_SPECS.message.summary);
  });

  it('A-7.2 a message posted to `messages` that carries conditions proposes them; the dialog that proposes requires them', () => {
    const messages = ITEM_ACTION_ROUTES.find((r) => r.path === 'messages')!;
    expect(postedAction(messages, { proposedConditions: 'За счёт запрашивающей Стороны' })).toBe('propose_conditions');
    expect(postedAction(messages, {})).toBe('message');
    expect(messageAction({ proposedConditions: undefined })).toBe('message');
    expect(
      postedAction(
        ITEM_ACTION_ROUTES.find((r) => r.path === 'consultation')!,
        { proposedConditions: 'Условия' },
      ),
    ).toBe('open_consultation');
    const message = { body: 'Просим уточнить', version: 3 };
    expect(ITEM_ACTION_SPECS.message.body.safeParse(message).success).toBe(true);
    expect(ITEM_ACTION_SPECS.propose_conditions.form.safeParse(message).error?.issues.map((i) => i.path.join('.'))).toEqual(['proposedConditions']);
    expect(ITEM_ACTION_SPECS.propose_conditions.form.safeParse({ ...message, proposedConditions: 'Условия' }).success).toBe(true);
  });

  it('A-7.1 A-7.3 the outcome dialog gives the rules of outcomeIssues on their fields, which the server body alone lets through', () => {
    const { body, form } = ITEM_ACTION_SPECS.record_outcome;
    const refusal = { outcome: 'refused', refusalGrounds: [], reason: ' ', text: 'Отказано', version: 2 };
    expect(body.safeParse(refusal).success).toBe(true);
    expect(issuesOf(form.safeParse(refusal))).toEqual([
      `${OUTCOME_ISSUES.refusal_ground.field}:refusal_ground`,
      `${OUTCOME_ISSUES.refusal_reason.field}:refusal_reason`,
    ]);
    expect(issuesOf(form.safeParse({ ...refusal, outcome: 'executed', refusalGrounds: ['security'] }))).toEqual(['refusalGrounds:grounds_not_allowed']);
    expect(form.safeParse({ ...refusal, outcome: 'partially_executed', refusalGrounds: ['sovereignty'], reason: 'Государственная тайна' }).success).toBe(true);
  });
});
