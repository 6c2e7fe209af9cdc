import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { MAX_FILE_BYTES, sizeOverLimit } from '../core/parse/limits';

/** Why a file was not read, with the words the CLI prints after its path. */
export interface ReadRefusal {
  readonly reason: 'missing' | 'loop' | 'not-a-file' | 'denied' | 'too-large' | 'unreadable';
  /** `no such file`, `a symbolic link loop`, `is a named pipe (FIFO), not a regular file`, … */
  readonly message: string;
  /** For `too-large`: the size found (from `stat`, or what reading got to). */
  readonly bytes?: number;
}

/** The first bytes of a file that are not UTF-8. */
export interface EncodingError {
  /** Offset of the first invalid byte in the file. */
  readonly byteOffset: number;
  /** Its value (0–255). */
  readonly byte: number;
  /** Where it is in the decoded text (UTF-16 offset; the byte reads as U+FFFD there). */
  readonly offset: number;
}

/** A file read as text: invalid UTF-8 sequences read as U+FFFD, and the first one is reported. */
export interface ReadText {
  readonly text: string;
  readonly encoding?: EncodingError;
}

/** What a file system object is, for a message: `a directory`, `a named pipe (FIFO)`, … */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The refusal for an error of `open`. */
function openRefusal(path: string, err: NodeJS.ErrnoException): ReadRefusal {
  switch (err.code) {
    case 'ENOENT': {
      let dangling = false;
      try {
        dangling = lstatSync(path).isSymbolicLink();
      } catch {}
      return { reason: 'missing', message: dangling ? 'a symbolic link to a file that does not exist' : 'no such file' };
    }
    case 'ELOOP':
      return { reason: 'loop', message: 'a symbolic link loop (the links point at each other and never reach a file)' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'denied', message: 'permission denied' };
    case 'ENXIO':
      return { reason: 'not-a-file', message: 'is a socket or a device without a reader, not a regular file' };
    case 'EISDIR':
      return { reason: 'not-a-file', message: 'is a directory' };
    case 'ENOTDIR':
      return { reason: 'missing', message: 'no such file (a part of the path is not a folder)' };
    default:
      return { reason: 'unreadable', message: err.message };
  }
}

/**
 * Reads a regular file as UTF-8 text, checked before and while it is read (see `readRegularFile`).
 * A symbolic link loop is named as such. Never throws.
 */
export function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): ReadText | { error: ReadRefusal } {
  const read = readRegularFile(path, maxBytes);
  return 'error' in read ? read : decodeUtf8(read.bytes);
}

/**
 * Reads a regular file's bytes, checked before and while it is read: the file is opened without
 * blocking (a FIFO with no writer cannot hang it), then `fstat` refuses anything but a regular file
 * (`/dev/zero`, a FIFO, a directory, a socket) and a size over `maxBytes`, and reading stops at
 * `maxBytes` whatever `stat` said (a file that grows, a `/proc` file that reports 0). Never throws.
 */
export function readRegularFile(path: string, maxBytes: number): { bytes: Buffer } | { error: ReadRefusal } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    return { error: openRefusal(path, err as NodeJS.ErrnoException) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const kind = kindOf(st);
      return { error: { reason: 'not-a-file', message: kind === 'a directory' ? 'is a directory' : `is ${kind}, not a regular file` } };
    }
    if (st.size > maxBytes) {
      return { error: { reason: 'too-large', bytes: st.size, message: `is ${sizeOverLimit(st.size, maxBytes).size}; Archflow reads files up to ${sizeOverLimit(st.size, maxBytes).limit}` } };
    }
    // One byte more than allowed tells a file that grew past the limit.
    let data = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === data.length) {
        if (data.length > maxBytes) break;
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, data.length * 2));
        data.copy(bigger, 0, 0, length);
        data = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, data, length, data.length - length, null);
      } catch (err) {
        // A non-blocking read of something that has no data yet; regular files never say so.
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw err;
      }
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) {
      return { error: { reason: 'too-large', bytes: length, message: `is larger than ${megabytes(maxBytes)} (it grew while being read); Archflow reads files up to ${megabytes(maxBytes)}` } };
    }
    return { bytes: data.subarray(0, length) };
  } catch (err) {
    return { error: { reason: 'unreadable', message: (err as Error).message } };
  } finally {
    try {
      closeSync(fd);
    } catch {}
  }
}

/** Decodes UTF-8 (a byte order mark is kept as U+FEFF); reports the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): ReadText {
  const bad = firstInvalidUtf8(bytes);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (bad < 0) return { text };
  const offset = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad)).length;
  return { text, encoding: { byteOffset: bad, byte: bytes[bad]!, offset } };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
