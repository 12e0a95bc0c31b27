/**
 * The V8 flags the server runs with; `npm start` and `npm run serve` (package.json) pass the same.
 * On a machine with much memory V8 lets the young generation grow to 3 × 64 MB, and the start-up's
 * imports (tens of MB of short-lived objects in Node 24's ESM loader) make it grow at once: an
 * idle server held ~360 MB RSS. With the semi-space at 16 MB (V8's default for years) it holds
 * ~220 MB, measured in bench/RESULTS.md («A working day»), at no measurable cost per request.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16'];
