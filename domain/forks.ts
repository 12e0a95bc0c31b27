/**
 * Forks: both nodes acted on the same shared subject while apart, so each holds a different action at
 * the same place of the subject's chain. Both nodes decide the same way, from the two actions alone,
 * without asking each other: the action taken first wins (its own recorded instant); an exact tie goes
 * to the smaller action id. The losing node keeps its superseded actions aside (never erased), takes
 * the winner's branch and tells the people whose actions were superseded, who act again if it still
 * makes sense. The winning node refuses the losing actions with the reason `FORK_LOST`.
 */

export interface ForkAction {
  id: string;
  at: Date | string;
}

const instant = (a: ForkAction) => (a.at instanceof Date ? a.at.getTime() : Date.parse(a.at));

/** Which of two actions competing for the same place in a subject's chain stays. */
export function forkWinner<A extends ForkAction>(a: A, b: A): A {
  const ta = instant(a);
  const tb = instant(b);
  if (ta !== tb) return ta < tb ? a : b;
  return a.id < b.id ? a : b;
}
