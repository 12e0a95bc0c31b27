import type { TFunction } from 'i18next';
import { isExchangeReference } from '../../../domain/node.ts';

/** An outgoing number as the lists show it: a change delivered by the exchange names the exchange, not its message id. */
export const shownReference = (t: TFunction, reference: string): string => (isExchangeReference(reference) ? t('exchange:byExchange') : reference);
