/**
 * File names come from the sender's machine and are shown to the other side as they are. A name may
 * carry characters that change how it reads: `invoice\u202Efdp.exe` displays as `invoiceexe.pdf`.
 * Such characters are replaced by a visible `_`, both when a name is stored and when a name stored
 * earlier is shown or sent in a download header.
 */

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks), C0/C1 control characters, the
 * line and paragraph separators and the byte-order mark: none belongs in a file name.
 */
// oxlint-disable-next-line no-control-regex -- control characters are what it finds
const INVISIBLE_OR_REORDERING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The name as it may be shown: nothing that reorders or hides text, always well-formed Unicode. */
export function displayFileName(name: string): string {
  return name.replace(LONE_SURROGATE, '\ufffd').replace(INVISIBLE_OR_REORDERING, '_');
}

/** The name as it is stored: displayable, no path separators, at most 255 characters (whole code points). */
export function storedFileName(name: string): string {
  const clean = displayFileName(name).replace(/[\\/]/g, '_');
  return Array.from(clean).slice(0, 255).join('') || 'file';
}
