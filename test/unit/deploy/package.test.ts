import { chmodSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageFunction, type CodeRoots } from '../../../server/src/deploy/package';
import { buildEnvironment, parseTypeErrors, runIn } from '../../../server/src/deploy/prepare';
import { deterministicZip } from '../../../server/src/deploy/zip';
import { readZip } from '../../helpers/zip-read';

/** A workspace with an architecture file's folder and a project folder inside it, and a folder outside. */
function workspace(): { roots: CodeRoots; outside: string } {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'archflow-pkg-')));
  const ws = join(top, 'ws');
  const outside = join(top, 'outside');
  mkdirSync(join(ws, 'app'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'id_rsa'), 'secret');
  return { roots: { workspace: ws, architectureDir: ws, projectDir: join(ws, 'app') }, outside };
}

describe('function packages', () => {
  it('a zip keeps each file mode: an executable bootstrap is 0755, other files 0644', () => {
    const { roots } = workspace();
    const code = join(roots.workspace, 'shell', 'hello');
    mkdirSync(join(code, 'lib'), { recursive: true });
    writeFileSync(join(code, 'bootstrap'), '#!/bin/sh\necho hi\n');
    chmodSync(join(code, 'bootstrap'), 0o755);
    writeFileSync(join(code, 'lib', 'data.txt'), 'x');
    chmodSync(join(code, 'lib', 'data.txt'), 0o600);
    const p = packageFunction({ name: 'hello', source: 'shell/hello', base: 'architecture' }, roots);
    expect(readZip(p.zip).map((e) => [e.name, e.mode.toString(8)])).toEqual([['bootstrap', '100755'], ['lib/data.txt', '100644']]);
  });

  it('the same files give the same bytes and hash', () => {
    const a = deterministicZip([{ path: 'b', data: Buffer.from('2') }, { path: 'a', data: Buffer.from('1'), mode: 0o755 }]);
    const b = deterministicZip([{ path: 'a', data: Buffer.from('1'), mode: 0o755 }, { path: 'b', data: Buffer.from('2') }]);
    expect(a.equals(b)).toBe(true);
  });

  it('code is relative to the architecture file; a path leaving the workspace is refused', () => {
    const { roots } = workspace();
    expect(() => packageFunction({ name: 'f', source: '../outside', base: 'architecture' }, roots))
      .toThrow(`Not deployed: the code of function 'f' (code: ../outside) is ${join(roots.workspace, '..', 'outside').replace('/ws/..', '')}, outside the workspace ${roots.workspace}.`);
  });

  it('a missing code folder is named', () => {
    const { roots } = workspace();
    expect(() => packageFunction({ name: 'f', source: 'nowhere', base: 'architecture' }, roots))
      .toThrow(`Not deployed: the code folder of function 'f' does not exist: ${join(roots.workspace, 'nowhere')} (code: nowhere, relative to the architecture file).`);
  });

  it('a symbolic link leading out of the workspace is refused with a clear message; one inside is followed', () => {
    const { roots, outside } = workspace();
    const code = join(roots.workspace, 'fn');
    mkdirSync(code);
    writeFileSync(join(roots.workspace, 'shared.py'), 'x = 1\n');
    symlinkSync(join(roots.workspace, 'shared.py'), join(code, 'shared.py'));
    writeFileSync(join(code, 'app.py'), 'print(1)\n');
    expect(readZip(packageFunction({ name: 'fn', source: 'fn', base: 'architecture' }, roots).zip).map((e) => e.name)).toEqual(['app.py', 'shared.py']);
    symlinkSync(join(outside, 'id_rsa'), join(code, 'key'));
    expect(() => packageFunction({ name: 'fn', source: 'fn', base: 'architecture' }, roots))
      .toThrow(`Not deployed: key in the code of function 'fn' is a symbolic link to ${join(outside, 'id_rsa')}, outside the workspace ${roots.workspace}.`);
  });

  it('a code folder that is itself a link out of the workspace is refused', () => {
    const { roots, outside } = workspace();
    symlinkSync(outside, join(roots.workspace, 'linked'));
    expect(() => packageFunction({ name: 'fn', source: 'linked', base: 'architecture' }, roots))
      .toThrow(`Not deployed: the code of function 'fn' (code: linked) leads through a symbolic link to ${outside}, outside the workspace ${roots.workspace}.`);
  });

  it('a build artifact that is a .zip is uploaded as it is', () => {
    const { roots } = workspace();
    const code = join(roots.workspace, 'rust');
    mkdirSync(join(code, 'target'), { recursive: true });
    const zip = deterministicZip([{ path: 'bootstrap', data: Buffer.from('ELF'), mode: 0o755 }]);
    writeFileSync(join(code, 'target', 'bootstrap.zip'), zip);
    const p = packageFunction({ name: 'r', source: 'rust', base: 'architecture', build: { command: 'true', artifact: 'target/bootstrap.zip' } }, roots);
    expect(p.zip.equals(zip)).toBe(true);
  });
});

describe('builds run without AWS credentials', () => {
  it('the environment of a build has no AWS variable but the ones turning credential files off', () => {
    const env = buildEnvironment({ PATH: '/bin', AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_PROFILE: 'prod', aws_region: 'x', HOME: '/h' });
    expect(Object.keys(env).filter((k) => /^aws_/i.test(k)).sort()).toEqual(['AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_SHARED_CREDENTIALS_FILE']);
    expect(env.PATH).toBe('/bin');
    expect(env.HOME).toBe('/h');
  });

  it('a real build command sees none of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-env-'));
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    try {
      const lines: string[] = [];
      await runIn(dir, 'env | grep -c "^AWS_ACCESS_KEY_ID=\\|^AWS_SECRET_ACCESS_KEY=" || true', [], (l) => lines.push(l), undefined, 60_000, true);
      expect(lines).toEqual(['0']);
    } finally {
      process.env = saved;
    }
  });
});

describe('type errors stop the deploy at their file and line', () => {
  it('reads tsc output, continuation lines included', () => {
    const out = "src/handlers/place.ts(3,7): error TS2322: Type 'number' is not assignable to type 'string'.\nsrc/handlers/b.ts(10,1): error TS2345: Argument of type 'x' is not assignable\n  to parameter of type 'y'.\n";
    expect(parseTypeErrors(out, '/p')).toEqual([
      { file: '/p/src/handlers/place.ts', line: 3, column: 7, code: 'TS2322', message: "Type 'number' is not assignable to type 'string'." },
      { file: '/p/src/handlers/b.ts', line: 10, column: 1, code: 'TS2345', message: "Argument of type 'x' is not assignable to parameter of type 'y'." },
    ]);
  });
});
