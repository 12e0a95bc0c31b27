export { registerItemRoutes } from './items.routes.ts';
export { runReminders } from './reminders.ts';
export { positionOf } from './items.documents.ts';
export { tryJobLock } from './reminders.repository.ts';
export { listFigureItems, type JournalViewer } from './items.repository.ts';
export { presentListRow } from './items.presenter.ts';
export { listOversightItems, oversightCounts, OVERSIGHT_ITEM_CELLS, type OversightItemCell } from './items.repository.ts';
