import { constants } from 'node:fs';
import { lstat, mkdir, open, readFile, stat } from 'node:fs/promises';

/** What is at a path. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/**
 * The project writer's port to a file system: absolute paths, text in UTF-8. The writer checks every
 * path component itself, so an implementation only has to answer plainly and never follow a link
 * when it writes.
 */
export interface ProjectFileSystem {
  /** What is at `path`, without following a link at its end (`follow`: following it); undefined when nothing is. */
  entry(path: string, follow?: boolean): Promise<EntryKind | undefined>;
  readText(path: string): Promise<string>;
  /** Creates a folder and its missing parents. */
  makeDirectory(path: string): Promise<void>;
  /** Creates or truncates a file and writes it; refuses to write through a link at `path`. */
  writeText(path: string, text: string): Promise<void>;
}

const kindOf = (s: { isSymbolicLink(): boolean; isFile(): boolean; isDirectory(): boolean }): EntryKind =>
  s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';

/** The local disk through `node:fs`. */
export const nodeFileSystem: ProjectFileSystem = {
  async entry(path, follow = false) {
    try {
      return kindOf(await (follow ? stat(path) : lstat(path)));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw err;
    }
  },
  readText: (path) => readFile(path, 'utf8'),
  async makeDirectory(path) {
    await mkdir(path, { recursive: true });
  },
  async writeText(path, text) {
    // O_NOFOLLOW: a link planted at the path after the writer's check is refused, not followed (0 where unsupported).
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o666);
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
  },
};
