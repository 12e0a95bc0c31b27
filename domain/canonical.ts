import canonicalize from 'canonicalize';
import type { ItemContent } from './items.ts';

/**
 * The bytes a signature covers: the item's identity, its content and the SHA-256 of
 * every attached file, as RFC 8785 canonical JSON. Any change to any of them changes the bytes.
 */
export interface SignedAttachment {
  fileName: string;
  sha256: string;
}

export function canonicalItem(itemId: string, content: ItemContent, attachments: readonly SignedAttachment[]): string {
  return canonicalize({
    format: 'border-cooperation/item/v1',
    itemId,
    kind: content.kind,
    fromOfficeId: content.fromOfficeId,
    toOfficeId: content.toOfficeId,
    subject: content.subject,
    essence: content.essence,
    purpose: content.purpose,
    assistance: content.assistance,
    otherInfo: content.otherInfo,
    form: content.form,
    priorityAreas: [...content.priorityAreas].sort(),
    subjectMatter: content.subjectMatter,
    language: content.language,
    translationAttached: content.translationAttached,
    confidentiality: content.confidentiality,
    costArrangement: content.costArrangement,
    costTerms: content.costTerms,
    attachments: [...attachments]
      .map((a) => ({ fileName: a.fileName, sha256: a.sha256 }))
      .sort((a, b) => (a.sha256 + a.fileName).localeCompare(b.sha256 + b.fileName)),
  })!;
}

/**
 * whether two versions of an item's content are the same signed content (the attachments
 * are compared by their own edits). Only a change of it voids a signature.
 */
export function sameSignedContent(a: ItemContent, b: ItemContent): boolean {
  return canonicalItem('', a, []) === canonicalItem('', b, []);
}
