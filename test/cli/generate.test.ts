import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archflow, ROOT } from '../helpers/cli';

const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.arch.yaml')).map((f) => join('examples', f));
const inputs = [...examples, 'test/fixtures/codegen/everything.arch.yaml', 'test/fixtures/codegen/websocket.arch.yaml'];
const work = mkdtempSync(join(tmpdir(), 'archflow-generate-'));

/** Runs a command in a generated project (without blocking the test worker); rejects with its output when it fails. */
function run(cwd: string, command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output}`))));
  });
}

/**
 * Installs a project's dependencies once per distinct dependency set (keyed by a hash of them) in a
 * shared folder, and links the project's node_modules to it: the first test pays for `npm install`.
 */
async function linkInstall(project: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
  const deps = { dependencies: pkg.dependencies ?? {}, devDependencies: pkg.devDependencies ?? {} };
  const key = createHash('sha256').update(JSON.stringify(deps)).digest('hex').slice(0, 16);
  const cache = join(tmpdir(), 'archflow-codegen-npm', key);
  if (!existsSync(join(cache, 'node_modules', '.archflow-installed'))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'package.json'), JSON.stringify({ name: 'archflow-install-cache', private: true, ...deps }, null, 2));
    await run(cache, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    writeFileSync(join(cache, 'node_modules', '.archflow-installed'), '');
  }
  symlinkSync(join(cache, 'node_modules'), join(project, 'node_modules'), 'dir');
}

describe('archflow generate', () => {
  for (const input of inputs) {
    it(`${input}: the project installs, type-checks strictly, builds and passes its own tests`, async () => {
      const out = join(work, basename(input, '.arch.yaml'));
      const r = archflow(['generate', input, '--out', out]);
      // The fixture's external sender (a pipe, no arn) is noted: Archflow creates nothing for it.
      expect(r.stderr).toBe(input.endsWith('everything.arch.yaml')
        ? `${input}:110:9 info codegen/unwired-edge Archflow does not create the link from external 'partner' to 'orderBus' and grants nothing for it: 'partner' has no \`arn\`. If it sends with a role of its own, that role needs events:PutEvents on 'orderBus'.\n`
        : '');
      expect(r.status).toBe(0);
      const files = (r.stdout.match(/^created {3}\S+$/gm) ?? []).length;
      expect(r.stdout).toContain(`${files} created, 0 updated, 0 unchanged, 0 left alone in ${out}`);
      await linkInstall(out);
      await run(out, 'npm', ['run', 'typecheck']);
      expect(await run(out, 'npm', ['run', 'build'])).toMatch(/built \d+ functions? into dist\//);
      const manifest = JSON.parse(readFileSync(join(out, '.archflow/manifest.json'), 'utf8')) as { functions: { name: string; runtime: string; source: string }[] };
      for (const fn of manifest.functions.filter((f) => f.runtime.startsWith('nodejs'))) {
        const bundle = join(out, fn.source, 'index.js');
        expect(typeof (require(bundle) as { handler?: unknown }).handler).toBe('function');
      }
      const test = await run(out, 'npm', ['test']);
      expect(test).toMatch(/# fail 0/);
      expect(Number(/# pass (\d+)/.exec(test)?.[1])).toBeGreaterThan(0);
    }, 600_000);
  }

  it('regenerating changes nothing; an edited handler is kept; an edited generated file is replaced only when --force names it', () => {
    const out = join(work, 'regen');
    const file = 'examples/orders.arch.yaml';
    expect(archflow(['generate', file, '--out', out]).status).toBe(0);
    const again = archflow(['generate', file, '--out', out]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^0 created, 0 updated, \d+ unchanged, \d+ left alone in /m);
    const before = readdirSync(out, { recursive: true }).sort();
    writeFileSync(join(out, 'src/handlers/pager.ts'), "export const handler = async (): Promise<void> => { console.log('mine'); };\n");
    writeFileSync(join(out, 'src/generated/pager.ts'), '// edited\n');
    const third = archflow(['generate', file, '--out', out, '--force']);
    expect(third.status).toBe(1);
    expect(third.stdout).toBe('');
    expect(third.stderr).toBe(
      `archflow generate: nothing written: 1 file in ${out} is not Archflow's to replace:\n` +
      '  src/generated/pager.ts: it was edited since Archflow generated it\n' +
      'Move your changes to src/handlers/ (never overwritten), or allow the replacement with --force=src/generated/pager.ts\n',
    );
    expect(readFileSync(join(out, 'src/generated/pager.ts'), 'utf8')).toBe('// edited\n');
    const fourth = archflow(['generate', file, '--out', out, '--force=src/generated/pager.ts']);
    expect(fourth.status).toBe(0);
    expect(fourth.stdout).toContain('replaced  src/generated/pager.ts (it was edited since Archflow generated it)');
    expect(fourth.stdout).toMatch(/^0 created, 0 updated, \d+ unchanged, \d+ left alone, 1 replaced in /m);
    expect(readFileSync(join(out, 'src/handlers/pager.ts'), 'utf8')).toContain("'mine'");
    expect(readFileSync(join(out, 'src/generated/pager.ts'), 'utf8')).toContain('Generated by Archflow');
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(before);
  });

  it('into a project it did not write: replaces none of its files, names them, exits 1', () => {
    const out = mkdtempSync(join(work, 'theirs-'));
    writeFileSync(join(out, 'tsconfig.json'), '{ "compilerOptions": { "strict": false } }\n');
    writeFileSync(join(out, 'package.json'), JSON.stringify({ name: 'theirs', scripts: { test: 'jest', build: 'webpack' } }));
    const r = archflow(['generate', 'examples/orders.arch.yaml', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`archflow generate: nothing written: 2 files in ${out} are not Archflow's to replace:`);
    expect(r.stderr).toContain('  package.json: its scripts build ("webpack"), test ("jest") would be replaced');
    expect(r.stderr).toContain('  tsconfig.json: Archflow did not write it');
    expect(readdirSync(out).sort()).toEqual(['package.json', 'tsconfig.json']);
    expect(archflow(['generate', 'examples/orders.arch.yaml', '--out', out, '--force=package.json,tsconfig.json']).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'))).toMatchObject({ name: 'theirs', scripts: { build: 'node scripts/build.mjs' } });
  });

  it('refuses to write through a link in the output folder, dangling or not, without a stack trace', () => {
    const out = mkdtempSync(join(work, 'links-'));
    symlinkSync(join('..', 'outside', 'planted'), join(out, 'README.md'));
    const r = archflow(['generate', 'examples/orders.arch.yaml', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`archflow generate: refusing to write 'README.md': README.md in ${out} is a symbolic link (Archflow does not write through links in the output folder)\n`);
    expect(existsSync(join(work, 'outside'))).toBe(false);
    const dirLink = mkdtempSync(join(work, 'dirlink-'));
    symlinkSync(join('..', 'nowhere'), join(dirLink, 'src'));
    const d = archflow(['generate', 'examples/orders.arch.yaml', '--out', dirLink]);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/^archflow generate: refusing to write 'src\/generated\/chargeCard\.ts': src in .* is a symbolic link/);
    expect(d.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports the handler of a removed function and leaves it in place', () => {
    const out = join(work, 'removed');
    const arch = join(work, 'small.arch.yaml');
    writeFileSync(arch, 'archflow: 1\nname: small\nconsumers:\n  keep: {}\n  drop: {}\n');
    expect(archflow(['generate', arch, '--out', out]).status).toBe(0);
    writeFileSync(arch, 'archflow: 1\nname: small\nconsumers:\n  keep: {}\n');
    const r = archflow(['generate', arch, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("note: src/handlers/drop.ts left in place: its function is no longer in the architecture");
    expect(existsSync(join(out, 'src/handlers/drop.ts'))).toBe(true);
  });

  it('defaults the output folder to .archflow/<name>/ beside the file, ignored by git, and says so', () => {
    const dir = mkdtempSync(join(work, 'default-'));
    const arch = join(dir, 'shop.arch.yaml');
    writeFileSync(arch, 'archflow: 1\nname: shop\nconsumers: { f: {} }\n');
    const r = archflow(['generate', 'shop.arch.yaml'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Project folder: .archflow/shop (the default, ignored by git; to keep the project and your handler code in your repository, add `output: shop-app` to shop.arch.yaml)');
    expect(existsSync(join(dir, '.archflow', 'shop', 'template.json'))).toBe(true);
    expect(readFileSync(join(dir, '.archflow', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    // git agrees: nothing of it shows up as untracked.
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('?? shop.arch.yaml\n');
    // A .gitignore someone edited is kept.
    writeFileSync(join(dir, '.archflow', '.gitignore'), '*\n!keep/\n');
    expect(archflow(['generate', arch]).status).toBe(0);
    expect(readFileSync(join(dir, '.archflow', '.gitignore'), 'utf8')).toBe('*\n!keep/\n');
  });

  it('writes to the file\'s `output:` folder, relative to the file, and --out wins over it', () => {
    const dir = mkdtempSync(join(work, 'output-'));
    const arch = join(dir, 'shop.arch.yaml');
    writeFileSync(arch, 'archflow: 1\nname: shop\noutput: services/shop\nconsumers: { f: {} }\n');
    const r = archflow(['generate', arch], { cwd: work });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Project folder: ${join(dir.slice(work.length + 1), 'services', 'shop')} (output: in shop.arch.yaml)`);
    expect(existsSync(join(dir, 'services', 'shop', 'template.json'))).toBe(true);
    expect(existsSync(join(dir, '.archflow'))).toBe(false);
    const given = join(dir, 'elsewhere');
    const o = archflow(['generate', arch, '--out', given], { cwd: work });
    expect(o.stdout.split('\n')[0]).toBe(`Project folder: ${given.slice(work.length + 1)} (--out)`);
    expect(existsSync(join(given, 'template.json'))).toBe(true);
  });

  it('refuses a file with errors unless --force, and bad usage', () => {
    const arch = join(work, 'broken.arch.yaml');
    writeFileSync(arch, 'archflow: 1\nname: broken\nrouters: { q: { type: queue, to: nobody } }\n');
    const r = archflow(['generate', arch, '--out', join(work, 'broken')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.arch\.yaml:3:\d+ error ref\/unknown/);
    expect(existsSync(join(work, 'broken'))).toBe(false);
    expect(archflow(['generate', arch, '--out', join(work, 'broken'), '--force']).status).toBe(0);
    expect(archflow(['generate']).status).toBe(2);
    expect(archflow(['generate', join(work, 'missing.arch.yaml')]).status).toBe(2);
  });

  it('--dry-run says what it would do and writes nothing', () => {
    const out = join(work, 'dry');
    const r = archflow(['generate', 'examples/orders.arch.yaml', '--out', out, '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('would create   template.json');
    expect(existsSync(out)).toBe(false);
  });
});
