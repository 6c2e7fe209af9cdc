import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, VERSION } from '../../server/src/cli/main';
import { archflow, CLI, ROOT } from '../helpers/cli';

const names = Object.keys(COMMANDS);

/** A positional that each command accepts, so that only the flag under test is wrong. */
const FILE = 'examples/orders.arch.yaml';
const takesFile = (name: string): boolean => !['rules', 'test-pattern'].includes(name);

describe('archflow help', () => {
  it('lists every command with its summary, and exits 0', () => {
    const r = archflow(['help']);
    expect(r.status).toBe(0);
    for (const n of names) expect(r.stdout).toMatch(new RegExp(`^ {2}${n} +${COMMANDS[n]!.summary.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect(archflow(['--help']).stdout).toBe(r.stdout);
    expect(archflow(['-h']).stdout).toBe(r.stdout);
  });

  it('without a command: the overview on stderr, exit 2', () => {
    const r = archflow([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: archflow <command> [options]');
  });

  it('--version and -v print the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(archflow(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    expect(archflow(['-v'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
  });

  it('an unknown command, an unknown help topic, an unknown global option: exit 2, with a suggestion', () => {
    const cmd = archflow(['genrate', FILE]);
    expect(cmd.status).toBe(2);
    expect(cmd.stderr.split('\n')[0]).toBe("archflow: unknown command 'genrate' (did you mean 'generate'?)");
    const topic = archflow(['help', 'lnt']);
    expect(topic.status).toBe(2);
    expect(topic.stderr.split('\n')[0]).toBe("archflow help: unknown command 'lnt' (did you mean 'lint'?)");
    const opt = archflow(['--verbose']);
    expect(opt.status).toBe(2);
    expect(opt.stderr.split('\n')[0]).toBe("archflow: unknown option '--verbose'");
  });

  for (const name of names) {
    const command = COMMANDS[name]!;
    describe(name, () => {
      it('help shows usage, every option with its value and default, examples and exit codes', () => {
        const r = archflow(['help', name]);
        expect(r.status).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toBe(`archflow ${name} — ${command.summary}`);
        expect(lines).toContain(`Usage: ${command.usage}`);
        for (const section of ['Options:', 'Examples:']) expect(lines).toContain(section);
        expect(r.stdout.replace(/\n/g, ' ')).toMatch(/Exit codes: 0 .*2 bad usage/);
        const text = r.stdout.replace(/\n +/g, ' ');
        for (const o of command.options) {
          const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'string' ? ` <${o.value}>` : ''}`;
          expect(lines, `--${o.name}`).toContain(`  ${flag}`);
          expect(text).toContain(o.description);
          const d = o.defaultText ?? (typeof o.default === 'string' ? o.default : undefined);
          if (d !== undefined) expect(text, `default of --${o.name}`).toContain(`Default: ${d}.`);
        }
        expect(command.examples.length).toBeGreaterThan(0);
        for (const e of command.examples) expect(lines).toContain(`  ${e.command}`);
        // The same help from `--help` and `-h`, wherever they are on the line.
        expect(archflow([name, '--help']).stdout).toBe(r.stdout);
        expect(archflow([name, FILE, '-h']).stdout).toBe(r.stdout);
      });

      it('an unknown option: exit 2, the usage and where to look', () => {
        const r = archflow([name, ...(takesFile(name) ? [FILE] : []), '--no-such-option']);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.split('\n')).toEqual([
          `archflow ${name}: unknown option '--no-such-option'`,
          `Usage: ${command.usage}`,
          `Run \`archflow help ${name}\` for every option, with defaults and examples.`,
          '',
        ]);
      });

      const valued = command.options.find((o) => o.type === 'string');
      if (valued) {
        it(`an option without its value (--${valued.name}): exit 2`, () => {
          const r = archflow([name, ...(takesFile(name) ? [FILE] : []), `--${valued.name}`]);
          expect(r.status).toBe(2);
          expect(r.stderr.split('\n')[0]).toBe(`archflow ${name}: --${valued.name} needs a value`);
        });
      }

      it('a missing or extra argument: exit 2', () => {
        const args = name === 'rules' ? ['rules', 'extra'] : name === 'test-pattern' ? ['test-pattern', '--event', '{}'] : [name];
        const r = archflow(args);
        expect(r.status).toBe(2);
        const expected: Record<string, string> = {
          lint: 'name at least one file, folder or glob',
          rules: "unexpected argument 'extra'",
          'test-pattern': '--pattern is required',
          import: 'name one template',
          simulate: 'name a scenario or architecture file',
        };
        expect(r.stderr.split('\n')[0]).toBe(`archflow ${name}: ${expected[name] ?? 'name one architecture file'}`);
        if (takesFile(name) && name !== 'lint') {
          const two = archflow([name, FILE, FILE]);
          expect(two.status).toBe(2);
          expect(two.stderr.split('\n')[0]).toMatch(new RegExp(`^archflow ${name}: name exactly one (architecture file|template|scenario or architecture file), not 2`));
        }
      });
    });
  }
});

describe('the README and docs use the flags the help lists', () => {
  const docs = ['README.md', ...['deploy.md', 'diagram.md', 'generate.md', 'import.md', 'settings.md', 'e2e.md', 'testing.md'].map((f) => join('docs', f))];
  const uses: { doc: string; line: string; command: string; flag: string }[] = [];
  for (const doc of docs) {
    for (const line of readFileSync(join(ROOT, doc), 'utf8').split('\n')) {
      for (const m of line.matchAll(/\barchflow ([a-z-]+)((?: +(?:'[^']*'|"[^"]*"|[^\s|`#>]+))*)/g)) {
        const command = m[1]!;
        if (!COMMANDS[command]) continue;
        for (const f of m[2]!.matchAll(/ (--?[A-Za-z][\w-]*)/g)) uses.push({ doc, line: line.trim(), command, flag: f[1]! });
      }
    }
  }

  // Every flag the docs show on an `archflow` command line: a doc that shows one more updates this count.
  it('finds the examples', () => expect(uses.length).toBe(15));

  for (const u of uses) {
    it(`${u.doc}: archflow ${u.command} ${u.flag}`, () => {
      const options = COMMANDS[u.command]!.options;
      const known = u.flag === '--help' || u.flag === '-h' || options.some((o) => u.flag === `--${o.name}` || u.flag === `-${o.short}`);
      expect(known, `${u.flag} in "${u.line}"`).toBe(true);
    });
  }
});

describe('colours', () => {
  /** Runs the CLI on a real terminal (util-linux `script`), as a person would. */
  function onTerminal(args: string, env: NodeJS.ProcessEnv = {}): string {
    const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args}`, '/dev/null'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, TERM: 'xterm', NO_COLOR: '', FORCE_COLOR: '', ...env }, timeout: 60_000,
    });
    if (r.error) throw r.error;
    return r.stdout;
  }
  const ESC = '\x1b[';
  const SGR = new RegExp(`${ESC.replace('[', '\\[')}[0-9;]*m`);

  it('on a terminal: severities in colour', () => {
    const out = onTerminal('lint examples/broken/references.arch.yaml');
    expect(out).toContain(`${ESC}31merror${ESC}39m`);
  });

  it('NO_COLOR turns them off, on a terminal too', () => {
    const out = onTerminal('lint examples/broken/references.arch.yaml', { NO_COLOR: '1' });
    expect(out).toContain(' error ref/');
    expect(out).not.toMatch(SGR);
  });

  it('none when the output is a pipe or a file', () => {
    const r = archflow(['lint', 'examples/broken/references.arch.yaml'], { env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(archflow(['help', 'lint']).stdout).not.toContain(ESC);
  });
});

describe('a reader that stops early (`archflow rules | head -1`)', () => {
  it('ends quietly with exit 0: no "internal error", no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CLI, 'rules'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    // Read one chunk, then close the pipe as `head` does; the CLI still has most of the list to write.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first).toMatch(/^\S+\/\S+ +(error|warning|info) /);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/internal error|EPIPE| {4}at /);
  });
});
