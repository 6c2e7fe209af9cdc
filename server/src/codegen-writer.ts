// Applies a generated project to a folder on disk: creates and updates generated files, leaves
// user-owned files alone, reports generated files the user edited. Shared by the CLI and any Node
// host; the VS Code client writes through vscode.workspace.fs with the same decisions.
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decideWrites, isSafeRelativePath, MANIFEST_PATH, parseManifest, type GeneratedProject, type Manifest, type PlannedFile, type WriteDecision } from './core/codegen/index';

/** A path that would leave the output folder. Nothing is written when one is found. */
export class UnsafePathError extends Error {}

/** What a generation did (or would do, with `dryRun`), by file. */
export interface WriteSummary {
  readonly outDir: string;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** User-owned files that exist: not touched. */
  readonly leftAlone: readonly string[];
  /** Generated files the user had edited: replaced (the edit is lost unless under version control). */
  readonly replacedEdited: readonly string[];
  /** Handlers of functions no longer in the architecture: left in place. */
  readonly orphanedHandlers: readonly string[];
  /** Files the previous generation wrote that this one does not: left in place. */
  readonly staleFiles: readonly string[];
}

/** The manifest of the last generation in a folder, if any. */
export function readPreviousManifest(outDir: string): Manifest | undefined {
  try {
    return parseManifest(readFileSync(join(outDir, MANIFEST_PATH), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The real path of the deepest existing ancestor of a path (to catch symlinks that lead outside). */
function realExisting(path: string): string {
  let p = path;
  while (!existsSync(p)) {
    const parent = dirname(p);
    if (parent === p) return p;
    p = parent;
  }
  return realpathSync(p);
}

/** Resolves a planned path inside `outDir`, or throws when it would land outside. */
export function resolveInside(outDir: string, path: string): string {
  const root = resolve(outDir);
  if (!isSafeRelativePath(path) || isAbsolute(path)) throw new UnsafePathError(`refusing to write '${path}': not a relative path inside ${root}`);
  const target = resolve(root, path);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new UnsafePathError(`refusing to write '${path}': it resolves outside ${root}`);
  const realRoot = realExisting(root);
  const realTarget = realExisting(target);
  if (realTarget !== realRoot && !realTarget.startsWith(realRoot + sep)) throw new UnsafePathError(`refusing to write '${path}': a symbolic link leads outside ${root}`);
  if (existsSync(target) && lstatSync(target).isSymbolicLink()) throw new UnsafePathError(`refusing to write '${path}': it is a symbolic link`);
  return target;
}

/** Decides what to do with every file, reading what is on disk. Throws `UnsafePathError` before any write. */
export function planWrites(outDir: string, planned: readonly PlannedFile[], previous: Manifest | undefined): WriteDecision[] {
  const targets = new Map(planned.map((f) => [f.path, resolveInside(outDir, f.path)]));
  return decideWrites(planned, (path) => {
    const file = targets.get(path)!;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }, previous);
}

/**
 * Writes a generated project into `outDir` (created if needed). Every path is checked before the
 * first write; user-owned files that exist are never written.
 */
export function writeProject(outDir: string, project: GeneratedProject, options: { readonly dryRun?: boolean; readonly previous?: Manifest } = {}): WriteSummary {
  const previous = options.previous ?? readPreviousManifest(outDir);
  const decisions = planWrites(outDir, project.planned, previous);
  const by = (action: WriteDecision['action']): string[] => decisions.filter((d) => d.action === action).map((d) => d.path);
  if (!options.dryRun) {
    for (const d of decisions) {
      if (d.action === 'leave' || d.action === 'unchanged') continue;
      const file = resolveInside(outDir, d.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, d.content);
    }
  }
  const exists = (p: string): boolean => {
    try {
      return existsSync(resolveInside(outDir, p));
    } catch {
      return false;
    }
  };
  return {
    outDir: resolve(outDir),
    created: by('create'),
    updated: by('update'),
    unchanged: by('unchanged'),
    leftAlone: by('leave'),
    replacedEdited: by('replace-edited'),
    orphanedHandlers: project.orphanedHandlers.filter(exists),
    staleFiles: project.staleFiles.filter(exists),
  };
}
