import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../server/src/deploy/deploy';

/** A function's build folder: two files, a source map, a nested folder. */
function build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'archflow-package-'));
  writeFileSync(join(dir, 'index.js'), 'exports.handler = 1;\n');
  writeFileSync(join(dir, 'index.js.map'), '{}');
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'util.js'), 'module.exports = 2;\n');
  return dir;
}

describe('the files of a package are checked before they are read', () => {
  it('takes the regular files (source maps aside), in order', () => {
    expect(filesUnder(build()).map((f) => [f.path, f.data.toString()])).toEqual([['index.js', 'exports.handler = 1;\n'], ['lib/util.js', 'module.exports = 2;\n']]);
  });

  it('walks a folder reached twice through a link once, and follows links to files', () => {
    const dir = build();
    symlinkSync('..', join(dir, 'lib', 'up'));
    symlinkSync('index.js', join(dir, 'main.js'));
    expect(filesUnder(dir).map((f) => f.path)).toEqual(['index.js', 'lib/util.js', 'main.js']);
  });

  it('refuses a FIFO at once (it would hang the deploy), a link loop and a device', () => {
    const fifo = build();
    execFileSync('mkfifo', [join(fifo, 'pipe')]);
    expect(() => filesUnder(fifo)).toThrow(`pipe in ${fifo} is a named pipe (FIFO), not a regular file: a package holds regular files only.`);
    const loop = build();
    symlinkSync('b', join(loop, 'a'));
    symlinkSync('a', join(loop, 'b'));
    expect(() => filesUnder(loop)).toThrow(`a in ${loop}: a symbolic link loop`);
    const device = build();
    symlinkSync('/dev/zero', join(device, 'zero'));
    expect(() => filesUnder(device)).toThrow(`zero in ${device} is a character device, not a regular file: a package holds regular files only.`);
  });
});
