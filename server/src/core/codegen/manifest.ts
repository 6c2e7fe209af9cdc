import { sha256 } from './sha256';

/** Who owns a planned file. */
export type Ownership =
  /** Rewritten on every generation; a user's edit is reported before it is replaced. */
  | 'generated'
  /** Created once and then never touched (handlers, README). */
  | 'user'
  /** A JSON file whose generated keys are merged into the user's copy (`package.json`). */
  | 'merged';

/** One file of the generated project. */
export interface PlannedFile {
  readonly path: string;
  readonly content: string;
  readonly ownership: Ownership;
}

/** `.archflow/manifest.json`: what the last generation wrote. */
export interface Manifest {
  readonly archflow: 1;
  readonly architecture: string;
  /** Generated files → SHA-256 of the content written. */
  readonly files: Readonly<Record<string, string>>;
  /** Function name → its handler file. */
  readonly handlers: Readonly<Record<string, string>>;
  /** Per function: its logical ID, runtime, the code parameter and what deploy zips. */
  readonly functions: readonly { name: string; logicalId: string; runtime: string; codeParameter: string; source: string }[];
}

/** Where the manifest lives in the output folder. */
export const MANIFEST_PATH = '.archflow/manifest.json';

/** Reads a manifest's text; anything unreadable is no manifest. */
export function parseManifest(text: string | undefined): Manifest | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<Manifest>;
    if (!v || typeof v !== 'object' || typeof v.files !== 'object' || v.files === null) return undefined;
    return {
      archflow: 1,
      architecture: typeof v.architecture === 'string' ? v.architecture : '',
      files: Object.fromEntries(Object.entries(v.files).filter(([, h]) => typeof h === 'string')),
      handlers: typeof v.handlers === 'object' && v.handlers !== null ? Object.fromEntries(Object.entries(v.handlers).filter(([, h]) => typeof h === 'string')) : {},
      functions: Array.isArray(v.functions) ? v.functions : [],
    };
  } catch {
    return undefined;
  }
}

/** What applying a planned file does to the disk. */
export type WriteAction =
  | 'create'
  /** A file this project wrote (its hash is in the manifest, or it is the manifest): rewritten. */
  | 'update'
  /** Already the same bytes. */
  | 'unchanged'
  /** A user-owned file that exists: not touched. */
  | 'leave'
  /** A file that is not this project's to rewrite without the person's consent (see `reason`). */
  | 'replace';

/** Why replacing a file needs the person's consent. */
export type ReplaceReason =
  /** A generated file the person edited since the last generation. */
  | 'edited'
  /** A file this project did not write (no manifest entry) with other content. */
  | 'unowned'
  /** `package.json` scripts the person wrote that the generated ones would replace. */
  | 'scripts'
  /** `package.json` that is not a JSON object: it would be replaced whole. */
  | 'unreadable';

/** One decision of the plan, with the final content to write (merged for `package.json`). */
export interface WriteDecision {
  readonly path: string;
  readonly action: WriteAction;
  readonly content: string;
  /** For `replace`: why it needs consent. */
  readonly reason?: ReplaceReason;
  /** For `replace`: what would be lost, in words (`scripts test ('jest'), build ('tsc')`). */
  readonly detail?: string;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const sorted = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

/** The user's `package.json` as an object, or undefined when it is not a JSON object. */
function readPackageJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Merges the generated keys of `package.json` into the user's copy (user additions kept; the generated
 * scripts and dependencies win). A copy that is not a JSON object is replaced by the generated file.
 */
export function mergePackageJson(existing: string, generated: string): string {
  const mine = readPackageJson(existing);
  if (!mine) return generated;
  const gen = JSON.parse(generated) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...gen, ...mine };
  out.scripts = { ...obj(mine.scripts), ...obj(gen.scripts) };
  out.dependencies = sorted({ ...obj(mine.dependencies), ...obj(gen.dependencies) });
  out.devDependencies = sorted({ ...obj(mine.devDependencies), ...obj(gen.devDependencies) });
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * The scripts of the user's `package.json` that merging would replace and that are the person's: set,
 * different from the generated value, and not a value Archflow generates (`isGenerated`).
 */
function personalScripts(existing: Record<string, unknown>, generated: string, isGenerated: (name: string, value: string) => boolean): string[] {
  const mine = obj(existing.scripts);
  const gen = obj((JSON.parse(generated) as Record<string, unknown>).scripts);
  return Object.keys(gen).filter((name) => {
    const value = mine[name];
    return value !== undefined && value !== gen[name] && !(typeof value === 'string' && isGenerated(name, value));
  });
}

/** What `decideWrites` needs besides the files: what is on disk and what the last generation wrote. */
export interface DecideContext {
  /** The current text of a planned path, or undefined when there is none. */
  readonly existing: (path: string) => string | undefined;
  /** The manifest of the previous generation in the folder. */
  readonly previous: Manifest | undefined;
  /** True for a `package.json` script value Archflow generates (an older generation's `test`, …). */
  readonly isGeneratedScript?: (name: string, value: string) => boolean;
}

/**
 * Decides what to do with each planned file given what is on disk and the previous manifest. A file
 * is rewritten without asking only when this project wrote it (its hash is in the manifest and
 * still matches); anything else that would change is `replace`, with its reason, for the writer
 * to ask about. Pure: the project writer (server/src/project/writer.ts) does the I/O.
 */
export function decideWrites(files: readonly PlannedFile[], context: DecideContext): WriteDecision[] {
  const isGenerated = context.isGeneratedScript ?? ((): boolean => false);
  return files.map((f): WriteDecision => {
    const current = context.existing(f.path);
    if (current === undefined) return { path: f.path, action: 'create', content: f.content };
    if (f.ownership === 'user') return { path: f.path, action: 'leave', content: current };
    if (f.ownership === 'merged') {
      const mine = readPackageJson(current);
      if (!mine) return { path: f.path, action: 'replace', content: f.content, reason: 'unreadable', detail: 'it is not a JSON object' };
      const content = mergePackageJson(current, f.content);
      if (content === current) return { path: f.path, action: 'unchanged', content };
      const scripts = personalScripts(mine, f.content, isGenerated);
      if (scripts.length > 0) {
        const list = scripts.map((name) => `${name} (${JSON.stringify(obj(mine.scripts)[name])})`).join(', ');
        return { path: f.path, action: 'replace', content, reason: 'scripts', detail: `its script${scripts.length === 1 ? '' : 's'} ${list} would be replaced` };
      }
      return { path: f.path, action: 'update', content };
    }
    if (current === f.content) return { path: f.path, action: 'unchanged', content: f.content };
    if (f.path === MANIFEST_PATH) return { path: f.path, action: 'update', content: f.content };
    const written = context.previous?.files[f.path];
    if (written === sha256(current)) return { path: f.path, action: 'update', content: f.content };
    return written === undefined
      ? { path: f.path, action: 'replace', content: f.content, reason: 'unowned', detail: 'Archflow did not write it' }
      : { path: f.path, action: 'replace', content: f.content, reason: 'edited', detail: 'it was edited since Archflow generated it' };
  });
}
