/** What the exchange needs of the kernel's log, in one place. */
import { actionsOf, type ActionRow } from '../../kernel/index.ts';

export { actionsOf, type ActionRow };

/** An action row as JSON: what the envelope carries and what the receiver inserts again. */
export function toJsonAction(a: ActionRow): Record<string, unknown> {
  return JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
}
