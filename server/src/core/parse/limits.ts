/**
 * The budget of one analysis: what no input may exceed, so that no file, however hostile, makes the
 * language server or the CLI wait, crash or run out of memory. Each limit, and what the person sees
 * when a file reaches it, is listed in docs/limits.md.
 */

/** Files larger than this are not analysed (they would make the editor wait). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * A size over a limit and the limit, as a message says them: `5.0 MB` and `4.0 MB`; in bytes when the
 * megabytes would read the same (`4,194,305 bytes` and `4,194,304 bytes (4.0 MB)`, not "4.0 MB; up to 4.0 MB").
 */
export function sizeOverLimit(bytes: number, limit: number): { readonly size: string; readonly limit: string } {
  if (megabytes(bytes) !== megabytes(limit)) return { size: megabytes(bytes), limit: megabytes(limit) };
  const exact = (b: number): string => `${b.toLocaleString('en-US')} bytes`;
  return { size: exact(bytes), limit: `${exact(limit)} (${megabytes(limit)})` };
}

/**
 * Collections nested deeper than this (maps and lists, counting through aliases) are refused with
 * `yaml/too-deep`. Every recursive walk of a document (schema validation, the graph, hover, codegen of
 * event schemas) is bounded by it. An architecture needs about ten levels; an event schema a few more.
 * 128 is serde_json's recursion limit.
 */
export const MAX_DEPTH = 128;

/**
 * Nodes that aliases may add to a document's value (each use of `*name` counts the nodes of what
 * it names), a guard against "billion laughs" documents. Ten thousand functions that each merge a
 * ten-key `<<: *defaults` stay far below it.
 */
export const MAX_ALIAS_NODES = 1_000_000;

/**
 * Problems of one code an analysis lists; the rest are counted in one more problem at the first one
 * left out. A file of 100,000 untriggered functions lists 1,000 of them (an editor's problem list and
 * the JSON sent to it stay usable).
 */
export const MAX_PROBLEMS_PER_CODE = 1000;
