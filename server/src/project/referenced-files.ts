import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { MAX_REFERENCED_FILE_BYTES, type FilePort } from '../core/files';

/**
 * The files an architecture names (a state machine's `definition: ./order.asl.json`), read from the
 * local disk relative to the architecture file. Used by the CLI and the language server; each read is
 * synchronous (the analysis is), and a file larger than a definition may be is not read.
 */
export function filesNextTo(architectureFile: string): FilePort {
  const folder = dirname(resolve(architectureFile));
  return {
    read(path) {
      const full = isAbsolute(path) ? path : resolve(folder, path);
      try {
        const s = statSync(full);
        if (s.isDirectory()) return { problem: 'it is a folder' };
        if (s.size > MAX_REFERENCED_FILE_BYTES) return { problem: `it is larger than ${MAX_REFERENCED_FILE_BYTES.toLocaleString('en-US')} bytes` };
        return { text: readFileSync(full, 'utf8') };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'no such file' };
        if (code === 'EACCES' || code === 'EPERM') return { problem: 'permission denied' };
        return { problem: (err as Error).message };
      }
    },
  };
}
