/**
 * The port through which the analysis reads files an architecture names (a state machine's
 * `definition: ./order.asl.json`). The core has no file system: each host (the language server, the
 * CLI, deploy) implements it, resolving a path relative to the architecture file. Without a port
 * (text analysed on its own) such files are not read, and nothing is reported about them.
 */

/** What reading one file gave: its text, or why there is none. */
export type FileRead =
  | { readonly text: string }
  /** Why it could not be read, in a phrase that completes "… cannot be read: <problem>" (`no such file`, `it is a folder`). */
  | { readonly problem: string };

/** Reads the files an architecture names, by the path written (relative to the architecture file). */
export interface FilePort {
  read(path: string): FileRead;
}

/** Files an architecture may name are read up to this size (a state machine definition is at most 1 MB: K2). */
export const MAX_REFERENCED_FILE_BYTES = 1_048_576;
