import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const bins: string[] = [];
afterAll(() => {
  for (const b of bins) rmSync(b, { recursive: true, force: true });
});

/** Where a command is on the real PATH (the test machine has both tools: the preflight of this very run checked). */
function real(command: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} is not on PATH: this test needs it (npm test's preflight says how to install it)`);
  return r.stdout.trim();
}

/** A PATH of a folder with `node` and the given links or scripts, then the system folders (no pyenv, no pipx). */
function pathWith(entries: Record<string, string>): string {
  const bin = mkdtempSync(join(tmpdir(), 'archflow-preflight-'));
  bins.push(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  for (const [name, target] of Object.entries(entries)) {
    if (target.startsWith('#!')) {
      writeFileSync(join(bin, name), target);
      chmodSync(join(bin, name), 0o755);
    } else symlinkSync(target, join(bin, name));
  }
  return [bin, '/usr/bin', '/bin'].join(delimiter);
}

function run(script: string, args: string[], PATH: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm test preflight (scripts/preflight.mjs)', () => {
  it('stops with the pinned install command when cfn-lint is not on PATH', () => {
    const r = run('preflight.mjs', [], pathWith({ moto_server: real('moto_server') }));
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain('✘ cfn-lint is not on PATH: it judges every generated CloudFormation template.');
    expect(lines).toContain('  pipx install "cfn-lint==1.51.0"');
    expect(lines).toContain('(or `python3 -m pip install "cfn-lint==1.51.0"` in a virtual environment), then run npm test again.');
    // moto_server is there: it is reported, and not in the install command.
    expect(lines.some((l) => /^✔ moto_server 5\.\d+\.\d+$/.test(l))).toBe(true);
    expect(r.stderr).not.toContain('moto[server]');
  });

  it('names both tools in one command when both are missing', () => {
    const r = run('preflight.mjs', [], pathWith({}));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('✘ moto_server is not on PATH: it is the AWS emulator the deploy tests talk to.');
    expect(r.stderr.split('\n')).toContain('  pipx install "cfn-lint==1.51.0" && pipx install "moto[server]==5.2.1"');
  });

  it('refuses a cfn-lint of another major version, saying which it found', () => {
    const r = run('preflight.mjs', [], pathWith({ moto_server: real('moto_server'), 'cfn-lint': '#!/bin/sh\necho "cfn-lint 0.87.7"\n' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('✘ cfn-lint 0.87.7 is installed; the suites need cfn-lint 1.51.0 (or a later 1.x).');
  });

  it('accepts the tools of this machine', () => {
    const r = run('preflight.mjs', [], process.env.PATH ?? '');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✔ cfn-lint 1\.\d+\.\d+$/m);
    expect(r.stdout).toMatch(/^✔ moto_server 5\.\d+\.\d+$/m);
  });

  it('npm test stops before installing, building or running anything', () => {
    const r = run('test.mjs', ['--no-e2e'], pathWith({ moto_server: real('moto_server') }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('✘ cfn-lint is not on PATH');
    expect(r.stdout).toContain('Stopped before any suite ran: install the missing tools first.');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
    expect(r.stdout).not.toContain('▶');
  });
});
