/**
 * The one project writer: applies a generated project to a folder for the CLI (`archflow generate`),
 * the language server (`arch/generate`, which VS Code and every LSP client use) and deploy's
 * preparation, with one policy:
 *
 * - Every path component inside the output folder is checked before anything is read or written:
 *   a symbolic link (dangling or not), a file where a folder belongs or anything that is not a plain
 *   file refuses the whole write. The folder itself may be a link to a folder.
 * - A file is rewritten without asking only when this project wrote it (its hash in the manifest
 *   still matches). Files the person edited, files the project did not write and `package.json`
 *   scripts the person wrote are replaced only with consent: named in advance (`replace`, the CLI's
 *   `--force=<path>`) or given when asked (`ConsentPort`, a modal question in VS Code). Without it
 *   nothing at all is written.
 * - User-owned files (handlers, README, .gitignore) are created once and never touched again.
 *
 * The file system and the person are ports, so every host follows the same decisions.
 */
import { join, relative, resolve, sep } from 'node:path';
import {
  decideWrites, generate, isGeneratedScript, isSafeRelativePath, layoutOfTemplates, MANIFEST_PATH, parseManifest,
  type GeneratedProject, type Manifest, type ReplaceReason, type StackLayout, type WriteDecision,
} from '../core/codegen/index';
import type { Analysis } from '../core/index';
import type { Finding } from '../core/span';
import type { ProjectFileSystem } from './file-system';

/** A file that needs the person's consent before it is replaced. */
export interface ReplaceRequest {
  /** Relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly reason: ReplaceReason;
  /** Why, in words: `it was edited since Archflow generated it`. */
  readonly detail: string;
}

/** The writer's port to the person. */
export interface ConsentPort {
  /** Asks once whether all of `files` may be replaced in `outDir`; false leaves everything as it is. */
  confirmReplace(outDir: string, files: readonly ReplaceRequest[]): Promise<boolean>;
}

export interface WriteOptions {
  /** Say what would be done; write nothing and ask nothing. */
  readonly dryRun?: boolean;
  /** Files the person already allowed to replace (the CLI's `--force=<path>`), or `true` for all. */
  readonly replace?: true | readonly string[];
  /** Asked about the files that still need consent; absent: they are refused. */
  readonly consent?: ConsentPort;
}

/** What a write did (or would do), by file. */
export interface WriteSummary {
  /** Absolute. */
  readonly outDir: string;
  readonly created: readonly string[];
  /** Files this project wrote, rewritten. */
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** User-owned files that exist: not touched. */
  readonly leftAlone: readonly string[];
  /** Files replaced with the person's consent. */
  readonly replaced: readonly ReplaceRequest[];
  /** Files that need consent and did not get it (a dry run lists them without asking). */
  readonly needsConsent: readonly ReplaceRequest[];
  /** Handlers of functions no longer in the architecture: left in place. */
  readonly orphanedHandlers: readonly string[];
  /** Files the previous generation wrote that this one does not: left in place. */
  readonly staleFiles: readonly string[];
}

/** How a write ended. Nothing is written unless `written`. */
export type WriteOutcome =
  | { readonly status: 'written' | 'dry-run'; readonly summary: WriteSummary }
  /** Some files needed consent and did not get it (`summary.needsConsent`). */
  | { readonly status: 'refused'; readonly summary: WriteSummary }
  /** A path that cannot be written safely (a link, a file where a folder belongs, …). */
  | { readonly status: 'unsafe'; readonly message: string };

/** A generated project and what it was planned against. */
export interface ProjectPlan {
  readonly outDir: string;
  readonly project: GeneratedProject;
  readonly previous: Manifest | undefined;
  /** Generation's own problems (names that cannot be generated, …), as findings on the architecture. */
  readonly problems: readonly Finding[];
}

/** A path that cannot be written safely, with the reason. */
class Unsafe extends Error {}

const join2 = (root: string, parts: readonly string[]): string => join(root, ...parts);

/**
 * Checks the output folder and every component of `path` inside it: no links, folders where
 * folders belong, and a plain file (or nothing) at the end. Returns whether the file exists.
 */
async function checkPath(fs: ProjectFileSystem, root: string, path: string): Promise<boolean> {
  if (!isSafeRelativePath(path)) throw new Unsafe(`refusing to write '${path}': not a relative path inside ${root}`);
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const at = join2(root, parts.slice(0, i + 1));
    const shown = parts.slice(0, i + 1).join('/');
    const kind = await fs.entry(at);
    if (kind === undefined) return false;
    if (kind === 'symlink') throw new Unsafe(`refusing to write '${path}': ${shown} in ${root} is a symbolic link (Archflow does not write through links in the output folder)`);
    const last = i === parts.length - 1;
    if (!last && kind !== 'directory') throw new Unsafe(`refusing to write '${path}': ${shown} in ${root} is not a folder`);
    if (last && kind !== 'file') throw new Unsafe(`refusing to write '${path}': ${shown} in ${root} is ${kind === 'directory' ? 'a folder' : 'not a regular file'}`);
  }
  return true;
}

/** The output folder itself: absent (it will be created), a folder, or a link to a folder. */
async function checkRoot(fs: ProjectFileSystem, root: string): Promise<void> {
  const kind = await fs.entry(root);
  if (kind === undefined || kind === 'directory') return;
  if (kind === 'symlink') {
    const target = await fs.entry(root, true);
    if (target === 'directory') return;
    throw new Unsafe(`refusing to write into ${root}: it is a symbolic link ${target === undefined ? 'to nothing' : 'to something that is not a folder'}`);
  }
  throw new Unsafe(`refusing to write into ${root}: it is not a folder`);
}

/** The manifest of the last generation in a folder, if any (read only through safe paths). */
export async function readManifest(fs: ProjectFileSystem, outDir: string): Promise<Manifest | undefined> {
  const root = resolve(outDir);
  try {
    await checkRoot(fs, root);
    if (!(await checkPath(fs, root, MANIFEST_PATH))) return undefined;
    return parseManifest(await fs.readText(join2(root, MANIFEST_PATH.split('/'))));
  } catch {
    return undefined;
  }
}

/**
 * Where the last generation in a folder put each resource, per set of templates (`''` for
 * `template.json` and `stacks/`, a stage's name for `stages/<stage>/`): read from the templates it
 * wrote (through safe paths), so a new generation keeps resources in their nested stacks.
 */
export async function readLayouts(fs: ProjectFileSystem, outDir: string, manifest: Manifest | undefined): Promise<Map<string, StackLayout>> {
  const root = resolve(outDir);
  const out = new Map<string, StackLayout>();
  if (!manifest) return out;
  const read = async (path: string): Promise<unknown> => {
    try {
      if (!(await checkPath(fs, root, path))) return undefined;
      return JSON.parse(await fs.readText(join2(root, path.split('/')))) as unknown;
    } catch {
      return undefined;
    }
  };
  for (const path of Object.keys(manifest.files).sort()) {
    const m = /^(?:stages\/([^/]+)\/)?template\.json$/.exec(path);
    if (!m) continue;
    const prefix = m[1] === undefined ? '' : `stages/${m[1]}/`;
    const parent = await read(path);
    const nested = new Map<string, unknown>();
    for (const p of Object.keys(manifest.files)) {
      const c = p.startsWith(`${prefix}stacks/`) ? /^([A-Za-z0-9]+)\.json$/.exec(p.slice(prefix.length + 'stacks/'.length)) : null;
      if (c) nested.set(c[1]!, await read(p));
    }
    out.set(m[1] ?? '', layoutOfTemplates(parent, nested));
  }
  return out;
}

/**
 * Generates the project of an analysis for `outDir`, against the manifest of the last generation
 * there. `layouts` are where the deployed stacks have their resources (by set of templates, see
 * `readLayouts`); the sets they do not give keep the layout of the last generation.
 */
export async function planProject(
  fs: ProjectFileSystem, analysis: Pick<Analysis, 'graph' | 'doc'>, outDir: string,
  options: {
    readonly layouts?: ReadonlyMap<string, StackLayout>; readonly stages?: readonly string[];
    /** The architecture file (absolute): the project's `simulate` script names it relative to the project. */
    readonly architecture?: string;
  } = {},
): Promise<ProjectPlan> {
  const root = resolve(outDir);
  const previous = await readManifest(fs, root);
  const layouts = await readLayouts(fs, root, previous);
  for (const [set, layout] of options.layouts ?? []) layouts.set(set, layout);
  const project = generate({ graph: analysis.graph, root: analysis.doc.value }, {
    ...(previous ? { previous } : {}), ...(layouts.size > 0 ? { layouts } : {}), ...(options.stages ? { stages: options.stages } : {}),
    ...(options.architecture !== undefined ? { architectureFile: relative(root, resolve(options.architecture)).split(sep).join('/') } : {}),
  });
  return { outDir: root, project, previous, problems: project.problems };
}

const allowed = (replace: WriteOptions['replace'], path: string): boolean => replace === true || (replace ?? []).includes(path);
const request = (d: WriteDecision): ReplaceRequest => ({ path: d.path, reason: d.reason!, detail: d.detail ?? '' });

/**
 * Writes a planned project (see the module comment for the policy). Never writes anything when a path
 * is unsafe or consent is missing; the manifest is written last, so an interrupted write is seen as
 * edited files next time, not as ours.
 */
export async function writeProject(fs: ProjectFileSystem, plan: ProjectPlan, options: WriteOptions = {}): Promise<WriteOutcome> {
  const root = plan.outDir;
  const exists = new Map<string, boolean>();
  try {
    await checkRoot(fs, root);
    for (const f of plan.project.planned) exists.set(f.path, await checkPath(fs, root, f.path));
  } catch (err) {
    if (err instanceof Unsafe) return { status: 'unsafe', message: err.message };
    throw err;
  }
  const current = new Map<string, string>();
  for (const f of plan.project.planned) if (exists.get(f.path)) current.set(f.path, await fs.readText(join2(root, f.path.split('/'))));
  const decisions = decideWrites(plan.project.planned, { existing: (p) => current.get(p), previous: plan.previous, isGeneratedScript });

  const toReplace = decisions.filter((d) => d.action === 'replace');
  let pending = toReplace.filter((d) => !allowed(options.replace, d.path)).map(request);
  if (pending.length > 0 && !options.dryRun && options.consent && (await options.consent.confirmReplace(root, pending))) pending = [];
  const by = (action: WriteDecision['action']): string[] => decisions.filter((d) => d.action === action).map((d) => d.path);
  const stillThere = async (paths: readonly string[]): Promise<string[]> => {
    const out: string[] = [];
    for (const p of paths) {
      try {
        if (await checkPath(fs, root, p)) out.push(p);
      } catch {
        // a link or a folder there now: not ours to report
      }
    }
    return out;
  };
  const summary: WriteSummary = {
    outDir: root,
    created: by('create'),
    updated: by('update'),
    unchanged: by('unchanged'),
    leftAlone: by('leave'),
    replaced: pending.length > 0 || options.dryRun ? [] : toReplace.map(request),
    needsConsent: pending,
    orphanedHandlers: await stillThere(plan.project.orphanedHandlers),
    staleFiles: await stillThere(plan.project.staleFiles),
  };
  if (options.dryRun) return { status: 'dry-run', summary: { ...summary, replaced: toReplace.filter((d) => allowed(options.replace, d.path)).map(request) } };
  if (pending.length > 0) return { status: 'refused', summary };

  const writes = decisions.filter((d) => d.action === 'create' || d.action === 'update' || d.action === 'replace');
  writes.sort((a, b) => Number(a.path === MANIFEST_PATH) - Number(b.path === MANIFEST_PATH));
  const made = new Set<string>();
  for (const d of writes) {
    const parts = d.path.split('/');
    const folder = join2(root, parts.slice(0, -1));
    if (!made.has(folder)) {
      await fs.makeDirectory(folder);
      made.add(folder);
    }
    await fs.writeText(join2(root, parts), d.content);
  }
  return { status: 'written', summary };
}
