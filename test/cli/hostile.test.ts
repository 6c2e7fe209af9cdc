import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, HOSTILE, INVALID_UTF8, manyFunctions } from '../fixtures/hostile/corpus';
import { archflowAsync, ROOT } from '../helpers/cli';

/** A stack trace line, as Node prints them. */
const STACK = /^\s+at .+[:(]/m;

describe('archflow on hostile files: a located problem or a one-line refusal, never a stack trace', () => {
  it('lints every stored reproducer with its problem where it is', async () => {
    for (const c of HOSTILE.filter((x) => x.file)) {
      const file = relative(ROOT, fixturePath(c));
      const r = await archflowAsync(['lint', file]);
      expect(r.status, `${c.name}: ${r.stderr}`).toBe(1);
      expect(r.stdout).toContain(`${file}:${c.expect.line}:${c.expect.column} error ${c.expect.code} `);
      expect(r.stderr + r.stdout).not.toMatch(STACK);
    }
  });

  it('lints the whole folder of them in one run: one bad file never aborts the others', async () => {
    const dir = relative(ROOT, join(fixturePath(HOSTILE[0]!), '..'));
    const r = await archflowAsync(['lint', dir]);
    const files = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.arch.yaml'));
    expect(r.stderr).toMatch(new RegExp(`^${files.length} files checked: `, 'm'));
    for (const c of HOSTILE.filter((x) => x.file)) expect(r.stdout).toContain(`${c.file}:${c.expect.line}:${c.expect.column} error ${c.expect.code}`);
    expect(r.status).toBe(1);
    expect(r.stderr + r.stdout).not.toMatch(STACK);
  });

  it('reports bytes that are not UTF-8 as file/encoding at the byte', async () => {
    const file = relative(ROOT, INVALID_UTF8.file);
    const r = await archflowAsync(['lint', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${file}:3:10 error file/encoding This file is not valid UTF-8: byte 0xFF at byte 81 is not part of a UTF-8 character (it reads as U+FFFD). Save the file as UTF-8.`);
  });

  it('refuses what is not a regular file at once: a device, a FIFO, a folder, a link loop, a dangling link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-hostile-'));
    const fifo = join(dir, 'pipe.arch.yaml');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('b.arch.yaml', join(dir, 'a.arch.yaml'));
    symlinkSync('a.arch.yaml', join(dir, 'b.arch.yaml'));
    symlinkSync('missing.arch.yaml', join(dir, 'dangling.arch.yaml'));
    mkdirSync(join(dir, 'folder.yaml'));
    const cases: [string, string][] = [
      ['/dev/zero', 'is a character device, not a regular file'],
      [fifo, 'is a named pipe (FIFO), not a regular file'],
      [join(dir, 'a.arch.yaml'), 'a symbolic link loop (the links point at each other and never reach a file)'],
      [join(dir, 'dangling.arch.yaml'), 'a symbolic link to a file that does not exist'],
    ];
    for (const [file, reason] of cases) {
      for (const command of ['lint', 'graph', 'generate', 'import']) {
        // A FIFO that were opened for reading would block forever: the timeout makes that a failure.
        const r = await archflowAsync([command, file], { timeoutMs: 20_000 });
        expect(r.stderr, `${command} ${file}`).toContain(`archflow: ${file}: ${reason}`);
        expect(r.status, `${command} ${file}`).toBe(2);
        expect(r.stderr).not.toMatch(STACK);
        // Lint's summary does not count a file it refused as checked.
        if (command === 'lint') expect(r.stderr).toContain('\n0 files checked (1 could not be read): 0 errors, 0 warnings, 0 info\n');
      }
    }
  });

  it('in a folder, names what it cannot read instead of leaving it out, and reads a link to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-hostile-'));
    writeFileSync(join(dir, 'real.arch.yaml'), 'archflow: 1\nname: shop\nproducers:\n  api: { type: http-api, routes: { "GET /orders": worker } }\nconsumers:\n  worker: {}\n');
    symlinkSync('real.arch.yaml', join(dir, 'linked.arch.yaml'));
    execFileSync('mkfifo', [join(dir, 'pipe.arch.yaml')]);
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const r = await archflowAsync(['lint', dir], { timeoutMs: 20_000 });
    expect(r.stderr).toMatch(/^archflow: \S*pipe\.arch\.yaml: is a named pipe \(FIFO\), not a regular file$/m);
    expect(r.stderr).not.toContain('pipe.txt');
    expect(r.stderr).toContain('\n2 files checked (1 could not be read): 0 errors, 0 warnings, 0 info\n');
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('refuses a file over the size limit from its size, before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-hostile-'));
    const big = join(dir, 'big.arch.yaml');
    writeFileSync(big, `archflow: 1\nname: big\n${'#'.repeat(5 * 1024 * 1024)}\n`);
    const lint = await archflowAsync(['lint', big]);
    expect(lint.stdout).toContain(`${big}:1:1 error file/too-large This file is 5.0 MB; Archflow reads files up to 4.0 MB. Split it into several architectures.`);
    expect(lint.status).toBe(1);
    const graph = await archflowAsync(['graph', big]);
    expect(graph.stderr).toBe(`archflow: ${big}: is 5.0 MB; Archflow reads files up to 4.0 MB\n`);
    expect(graph.status).toBe(2);
  });

  it('draws 97,777 functions as a diagram of the first 5,000, with a notice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-hostile-'));
    const file = join(dir, 'many.arch.yaml');
    writeFileSync(file, manyFunctions(97_777));
    const out = join(dir, 'many.json');
    const r = await archflowAsync(['graph', file, '--format', 'json', '--out', out], { timeoutMs: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`archflow: ${file}: This architecture has 97,777 elements; a diagram shows at most 5,000: here the first 5,000, whole flows in file order.`);
    const diagram = JSON.parse(readFileSync(out, 'utf8')) as { nodes: unknown[]; notice: string };
    expect(diagram.nodes).toHaveLength(5000);
  }, 180_000);

  it('turns an error nobody expected into one line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-hostile-'));
    // Writing the SVG onto a folder fails inside the command.
    const r = await archflowAsync(['graph', 'examples/orders.arch.yaml', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^archflow graph: internal error: EISDIR: illegal operation on a directory, open '.+' \(please report it at https:\/\/github\.com\/archflow\/archflow\/issues\)\n$/);
  });
});
