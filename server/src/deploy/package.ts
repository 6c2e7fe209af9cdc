/**
 * Function packages, made before any AWS call: each function's code folder (the generated build for
 * Node.js, the `code` folder for the others, or what its `build` produced), checked to stay inside
 * the workspace, zipped deterministically with each file's mode kept (a `bootstrap` stays
 * executable). The content hash of a package names it in the artifact bucket.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DeployError } from './aws';
import { deterministicZip, type ZipEntry } from './zip';

/** Where a function's code comes from (`Metadata` of its `AWS::Lambda::Function`). */
export interface Artifact {
  /** The function (its node name). */
  readonly name: string;
  /** The code folder as the template says it: relative to the project (`dist/<name>`) or to the architecture file (`code`). */
  readonly source: string;
  readonly base: 'project' | 'architecture';
  readonly build?: { readonly command: string; readonly artifact?: string };
}

/** A function's package, ready to upload. */
export interface FunctionPackage {
  readonly name: string;
  /** The bytes of the zip. */
  readonly zip: Buffer;
  /** The first 32 hex digits of its SHA-256. */
  readonly hash: string;
  /** What was packaged (absolute). */
  readonly from: string;
}

/** Where deploy may read code from, and where `code` paths start. */
export interface CodeRoots {
  /** The generated project (absolute). */
  readonly projectDir: string;
  /** The folder of the architecture file (absolute): `code` paths are relative to it. */
  readonly architectureDir: string;
  /** No code is read from outside this folder (absolute): the workspace. */
  readonly workspace: string;
}

/** True when `path` is `dir` or inside it (both absolute, resolved). */
export function isInside(dir: string, path: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** The real path of a folder, or of the nearest existing ancestor followed by the rest. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The function's code folder (absolute, resolved), refused when it leaves the workspace or is missing. */
export function codeFolder(a: Artifact, roots: CodeRoots): string {
  if (a.base === 'project') return join(roots.projectDir, a.source);
  const workspace = realPath(roots.workspace);
  const written = resolve(roots.architectureDir, a.source);
  if (!isInside(resolve(roots.workspace), written)) {
    throw new DeployError(
      `Not deployed: the code of function '${a.name}' (code: ${a.source}) is ${written}, outside the workspace ${roots.workspace}.`,
      '`code` is relative to the architecture file and must stay inside the workspace: move the code into the project.',
    );
  }
  if (!existsSync(written)) {
    throw new DeployError(`Not deployed: the code folder of function '${a.name}' does not exist: ${written} (code: ${a.source}, relative to the architecture file).`);
  }
  const real = realPath(written);
  if (!isInside(workspace, real)) {
    throw new DeployError(
      `Not deployed: the code of function '${a.name}' (code: ${a.source}) leads through a symbolic link to ${real}, outside the workspace ${roots.workspace}.`,
      'Archflow packages no file from outside the workspace: copy the code into the project, or make the link point inside it.',
    );
  }
  return real;
}

/** What the function's build produced (`build.artifact`, relative to the code folder), inside the workspace. */
export function artifactPath(a: Artifact, code: string, roots: CodeRoots): string {
  if (!a.build?.artifact) return code;
  const path = resolve(code, a.build.artifact);
  const real = realPath(path);
  if (!isInside(realPath(roots.workspace), real)) {
    throw new DeployError(`Not deployed: the build artifact of function '${a.name}' (${a.build.artifact}) is ${real}, outside the workspace ${roots.workspace}.`);
  }
  if (!existsSync(path)) {
    throw new DeployError(`Not deployed: the build of function '${a.name}' did not produce ${a.build.artifact} (${path}).`, 'Check `build.artifact`: it is relative to the function\'s `code` folder.');
  }
  return real;
}

/**
 * The files under `dir` with their modes, for a zip: symbolic links are followed while they stay
 * inside the workspace and refused when they lead out of it; modes are normalized to 0755 for files
 * anyone may execute and 0644 otherwise (Lambda needs every file readable by its runtime user).
 */
export function filesUnder(dir: string, workspace: string, fn: string, skip: (name: string) => boolean = () => false): ZipEntry[] {
  const out: ZipEntry[] = [];
  const root = realPath(workspace);
  const visiting = new Set<string>();
  const walk = (real: string, shown: string): void => {
    if (visiting.has(real)) return; // a link back to a folder being walked
    visiting.add(real);
    for (const name of readdirSync(real).sort()) {
      const p = join(real, name);
      const rel = shown ? `${shown}/${name}` : name;
      let target = p;
      if (lstatSync(p).isSymbolicLink()) {
        let resolved: string;
        try {
          resolved = realpathSync(p);
        } catch {
          throw new DeployError(`Not deployed: ${rel} in the code of function '${fn}' is a symbolic link to nothing (${p}).`);
        }
        if (!isInside(root, resolved)) {
          throw new DeployError(
            `Not deployed: ${rel} in the code of function '${fn}' is a symbolic link to ${resolved}, outside the workspace ${workspace}.`,
            'Archflow packages no file from outside the workspace: copy the file into the project, or make the link point inside it.',
          );
        }
        target = resolved;
      }
      const st = statSync(target);
      if (st.isDirectory()) walk(target, rel);
      else if (st.isFile() && !skip(name)) out.push({ path: rel.split(sep).join('/'), data: readFileSync(target), mode: st.mode & 0o111 ? 0o755 : 0o644 });
    }
    visiting.delete(real);
  };
  walk(dir, '');
  return out;
}

/** Packages one function: its folder zipped, or the `.zip` its build produced as it is. */
export function packageFunction(a: Artifact, roots: CodeRoots): FunctionPackage {
  const code = codeFolder(a, roots);
  const from = artifactPath(a, code, roots);
  let zip: Buffer;
  if (statSync(from).isFile()) {
    if (!/\.zip$/i.test(from)) throw new DeployError(`Not deployed: the build artifact of function '${a.name}' is a file but not a .zip: ${from}.`);
    zip = readFileSync(from);
  } else {
    // Node.js bundles carry inline source maps; stray `.map` files are not needed at run time.
    const files = filesUnder(from, a.base === 'project' ? roots.projectDir : roots.workspace, a.name, a.base === 'project' ? (n) => n.endsWith('.map') : undefined);
    if (files.length === 0) {
      throw new DeployError(a.base === 'project' ? `The build of ${a.source} is empty: run the project's build first.` : `Not deployed: the code folder of function '${a.name}' is empty: ${from}.`);
    }
    zip = deterministicZip(files);
  }
  return { name: a.name, zip, hash: createHash('sha256').update(zip).digest('hex').slice(0, 32), from };
}
