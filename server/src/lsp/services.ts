import { fileURLToPath } from 'node:url';
import type { ClientCapabilities, Connection, Diagnostic } from 'vscode-languageserver';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, ADJUSTABLE_LIMITS, type Analysis, type AnalyzeOptions, type Limits, type RuleSettings } from '../core/index';
import type { ArchInitializationOptions } from '../protocol-ask';
import { filesNextTo } from '../project/referenced-files';

/** The user's settings under `archflow.*` that change analysis. */
export interface ArchSettings {
  readonly rules: RuleSettings;
  readonly limits: Partial<Limits>;
  /** `archflow.fastYaml: false`: never the fast YAML path (for bug reports). */
  readonly fastYaml?: false;
}

const EMPTY_SETTINGS: ArchSettings = { rules: {}, limits: {} };

/** `ARCHFLOW_FAST_YAML=off` in the server's environment switches the fast YAML path off for every file. */
const FAST_YAML_OFF = /^(off|0|false|no)$/i.test(process.env.ARCHFLOW_FAST_YAML ?? '');

/** What the handlers share: the open documents, their latest analysis and the settings. */
export class ArchServices {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, { version: number; analysis: Analysis }>();
  private readonly settings = new Map<string, Promise<ArchSettings>>();
  configurationSupported = false;
  /** What the client said it supports in `initialize` (snippets, markdown, …). */
  clientCapabilities: ClientCapabilities = {};
  /** The client's `initializationOptions` (does it answer `arch/ask`?). */
  initializationOptions: ArchInitializationOptions = {};
  /** The workspace folders the client opened (URIs): deploy packages no code from outside them. */
  workspaceFolders: readonly string[] = [];
  /** Problems a deploy found (the first failed resource), published with the analysis' own. */
  readonly deployProblems = new Map<string, Diagnostic[]>();
  /** Wall-clock milliseconds of the last analysis per document, to size the debounce. */
  readonly lastDuration = new Map<string, number>();

  constructor(readonly connection: Connection) {}

  /** The analysis of a document's current version (computed once per version). */
  analysisOf(doc: TextDocument, options: AnalyzeOptions = {}): Analysis {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    const started = performance.now();
    const analysis = analyze(doc.getText(), options);
    this.lastDuration.set(doc.uri, performance.now() - started);
    this.cache.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  /** The latest analysis if it is of the current version, else a fresh one with the current settings. */
  async currentAnalysis(uri: string): Promise<Analysis | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    return this.analysisOf(doc, await this.optionsFor(uri));
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.lastDuration.delete(uri);
    this.settings.delete(uri);
  }

  /** Analysis options for a document from the user's settings. */
  async optionsFor(uri: string): Promise<AnalyzeOptions> {
    const s = await this.settingsFor(uri);
    // A file on disk: the files it names (state machine definitions) are read next to it.
    return {
      rules: s.rules,
      limits: s.limits,
      ...(FAST_YAML_OFF || s.fastYaml === false ? { fastYaml: false } : {}),
      ...(uri.startsWith('file:') ? { files: filesNextTo(fileURLToPath(uri)) } : {}),
    };
  }

  settingsFor(uri: string): Promise<ArchSettings> {
    if (!this.configurationSupported) return Promise.resolve(EMPTY_SETTINGS);
    let s = this.settings.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'archflow' })
        .then(readSettings, () => EMPTY_SETTINGS);
      this.settings.set(uri, s);
    }
    return s;
  }

  /** A file an architecture may name changed on disk (a state machine definition): analyse again. */
  referencedFilesChanged(): void {
    this.cache.clear();
  }

  /** Settings changed: drop what was derived from them. */
  settingsChanged(): void {
    this.settings.clear();
    this.cache.clear();
  }
}

function readSettings(raw: unknown): ArchSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, 'error' | 'warning' | 'info' | 'off'> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [code, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (v === 'error' || v === 'warning' || v === 'info' || v === 'off') rules[code] = v;
    }
  }
  const limits: Record<string, number> = {};
  if (o.limits && typeof o.limits === 'object') {
    for (const key of ADJUSTABLE_LIMITS) {
      const v = (o.limits as Record<string, unknown>)[key];
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) limits[key] = v; // the settings' schema: integers ≥ 1
    }
  }
  return o.fastYaml === false ? { rules, limits, fastYaml: false } : { rules, limits };
}
