import { v5 as uuidv5 } from 'uuid';

/**
 * An office's id is derived from its code (UUIDv5 in a fixed namespace), so that every node of
 * either Party gives the same office the same id: actions carry office ids, their hashes cover them,
 * and two nodes must hold the same actions byte for byte (the exchange, issue 12).
 */
const OFFICES_NAMESPACE = '6f1c2a4e-8d3b-5e7f-9a1c-2b3d4e5f6a7b';

export const officeIdOf = (code: string): string => uuidv5(code, OFFICES_NAMESPACE);
