import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the e2e tooling, without type declarations
import { outside, writesIn } from '../../scripts/lib/first-run.mjs';

interface Write { pid: number; call: string; path: string }

/** What `strace -f -y` prints for a few processes: the first-run check reads this to find every write. */
const LOG = [
  '100 openat(AT_FDCWD</clone>, "package-lock.json", O_RDONLY|O_CLOEXEC) = 3</clone/package-lock.json>',
  '100 openat(AT_FDCWD</clone>, "node_modules/.package-lock.json", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 4</clone/node_modules/.package-lock.json>',
  '100 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7f, stack_size=0x9000}, 88) = 101',
  '101 chdir("build")                = 0',
  '101 mkdir("Release", 0777)        = 0',
  '101 openat(AT_FDCWD</clone/build>, "/tmp/ccXYZ.s", O_RDWR|O_CREAT|O_EXCL, 0600 <unfinished ...>',
  '100 mkdirat(AT_FDCWD</clone>, "/home/me/.config/code-server", 0777) = 0',
  '101 <... openat resumed>) = 5</tmp/ccXYZ.s>',
  '100 openat(AT_FDCWD</clone>, "/root/.npmrc", O_WRONLY|O_CREAT, 0666) = -1 EACCES (Permission denied)',
  '100 bind(7<socket:[1]>, {sa_family=AF_UNIX, sun_path="/tmp/code-server-ipc.sock"}, 110) = 0',
  '100 bind(8<socket:[2]>, {sa_family=AF_UNIX, sun_path=@"abstract"}, 110) = 0',
  '100 renameat2(AT_FDCWD</clone>, "a.tmp", AT_FDCWD</clone>, "/elsewhere/a", RENAME_NOREPLACE) = 0',
  '101 openat(AT_FDCWD</clone/build>, "/dev/null", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 6</dev/null>',
  '101 unlink("Release/x.o")          = 0',
  '1234  mkdir("/clone/padded", 0777) = 0',
].join('\n');

describe('first run: the writes in an strace log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archflow-trace-'));
  const log = join(dir, 'npm-start.strace');
  writeFileSync(log, LOG + '\n');

  it('finds every successful write, relative paths resolved against each process\'s folder', async () => {
    const writes = (await writesIn(log, 100, '/clone')) as Write[];
    expect(writes.map((w) => `${w.pid} ${w.call} ${w.path}`)).toEqual([
      '100 openat /clone/node_modules/.package-lock.json',
      '101 mkdir /clone/build/Release',
      '100 mkdirat /home/me/.config/code-server',
      '101 openat /tmp/ccXYZ.s',
      '100 bind /tmp/code-server-ipc.sock',
      '100 renameat2 /clone/a.tmp',
      '100 renameat2 /elsewhere/a',
      '101 openat /dev/null',
      '101 unlink /clone/build/Release/x.o',
      '1234 mkdir /clone/padded',
    ]);
  });

  it('names those outside the allowed folders (devices and the kernel\'s files are not files of the machine)', async () => {
    const writes = (await writesIn(log, 100, '/clone')) as Write[];
    expect((outside(writes, ['/clone', '/home/me/.config']) as Write[]).map((w) => w.path)).toEqual(['/tmp/ccXYZ.s', '/tmp/code-server-ipc.sock', '/elsewhere/a']);
  });
});
