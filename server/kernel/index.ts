export {
  appendAction,
  CHANNELS,
  perform,
  type ActionContext,
  type ActionSpec,
  type Channel,
  type Effect,
  type Kind,
  type Loaded,
  type SubjectRow,
  type SubjectType,
} from './kernel.ts';
export { actionHash, GENESIS, type ChainedAction } from './kernel.chain.ts';
export { applyChanges, changesOf, projectedColumns, wholeRow, type Changes, type SubjectTable } from './kernel.projection.ts';
export { replayActions, replaySubject, storedSubject, SUBJECT_TABLES, verifyActions, verifySubject, type ChainFault } from './kernel.replay.ts';
export {
  actionAt,
  actionsOf,
  findSubject,
  insertAction,
  insertSubject,
  lastAction,
  listActions,
  supersededByHash,
  supersedeFrom,
  updateSubject,
  type ActionRow,
} from './kernel.repository.ts';
