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
  /** Generated file rewritten. */
  | 'update'
  /** Already the same bytes. */
  | 'unchanged'
  /** A user-owned file that exists: not touched. */
  | 'leave'
  /** A generated file the user edited since the last generation: reported, then replaced. */
  | 'replace-edited';

/** One decision of the plan, with the final content to write (merged for `package.json`). */
export interface WriteDecision {
  readonly path: string;
  readonly action: WriteAction;
  readonly content: string;
}

/** Merges the generated keys of `package.json` into the user's copy (user additions kept). */
export function mergePackageJson(existing: string, generated: string): string {
  let mine: Record<string, unknown>;
  try {
    const parsed = JSON.parse(existing) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return generated;
    mine = parsed as Record<string, unknown>;
  } catch {
    return generated;
  }
  const gen = JSON.parse(generated) as Record<string, Record<string, string> | string | boolean>;
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const sorted = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const out: Record<string, unknown> = { ...gen, ...mine };
  out.scripts = { ...obj(mine.scripts), ...obj(gen.scripts) };
  out.dependencies = sorted({ ...obj(mine.dependencies), ...obj(gen.dependencies) });
  out.devDependencies = sorted({ ...obj(mine.devDependencies), ...obj(gen.devDependencies) });
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * Decides what to do with each planned file given what is on disk (`existing(path)` is the current
 * text, or undefined) and the previous manifest. Pure: the CLI's writer and the VS Code client share it.
 */
export function decideWrites(files: readonly PlannedFile[], existing: (path: string) => string | undefined, previous: Manifest | undefined): WriteDecision[] {
  return files.map((f) => {
    const current = existing(f.path);
    if (current === undefined) return { path: f.path, action: 'create', content: f.content };
    if (f.ownership === 'user') return { path: f.path, action: 'leave', content: current };
    const content = f.ownership === 'merged' ? mergePackageJson(current, f.content) : f.content;
    if (current === content) return { path: f.path, action: 'unchanged', content };
    if (f.ownership === 'generated' && f.path !== MANIFEST_PATH) {
      const written = previous?.files[f.path];
      // Edited since we wrote it (or written by someone else before any manifest existed).
      if (written === undefined || written !== sha256(current)) return { path: f.path, action: 'replace-edited', content };
    }
    return { path: f.path, action: 'update', content };
  });
}
