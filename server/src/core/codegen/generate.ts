import { flowOrder } from '../layout/model';
import { buildGraph } from '../model/build-graph';
import { applyStage, STAGE_NAME, stageNames } from '../model/stages';
import type { Graph } from '../model/graph';
import type { Finding } from '../span';
import { buildTemplate, type FunctionDeployment, type Template } from './cloudformation';
import { CodegenContext } from './context';
import { planFunctions, type FunctionPlan, type RuntimeHelper } from './function-plan';
import { schemasToTypes } from './json-schema-to-ts';
import { MANIFEST_PATH, type Manifest, type PlannedFile } from './manifest';
import { isSafeRelativePath } from './names';
import { Samples } from './samples';
import { inlineCodeKeys, ROOT_STACK, splitTemplate, stackPath, templateText, type StackLayout, type StackReport } from './stacks';
import { sha256 } from './sha256';
import { eventsTs } from './templates/events-ts';
import { functionTs } from './templates/function-ts';
import { handlerTs } from './templates/handler-ts';
import { buildMjs, gitignore, packageJson, readmeMd, tsconfigJson } from './templates/project-files';
import { HELPER_PACKAGES, runtimeTs } from './templates/runtime-ts';
import { samplesTs, testTs } from './templates/samples-ts';
import { eventsMatching, Payloads, qualified } from './triggers';

/** What to generate from: an analysis (`{ graph, doc: { value } }`) or a graph and the document's value. */
export type GenerateInput = { readonly graph: Graph; readonly root: unknown } | { readonly graph: Graph; readonly doc: { readonly value: unknown } } | { readonly root: unknown };

export interface GenerateOptions {
  /** The manifest of the previous generation in the same folder (to report removed functions' handlers). */
  readonly previous?: Manifest;
  /**
   * Where the resources were, per set of templates (`''` for the file as written, else a stage's
   * name): the deployed stack's layout, else the last generation's. Kept when splitting.
   */
  readonly layouts?: ReadonlyMap<string, StackLayout>;
  /** Stages to generate templates for besides those the file declares (`archflow deploy --stage`). */
  readonly stages?: readonly string[];
  /**
   * The architecture file, relative to the project folder (`/` separators): the project's `simulate`
   * script runs its scenarios against the project's handlers (`archflow simulate <file> --handlers .`).
   */
  readonly architectureFile?: string;
}

/** The templates of one stack: the parent and its nested stacks, and how the split went. */
export interface TemplateSet {
  /** The parent template (`template.json`), the only one when nothing is split. */
  readonly template: Template;
  /** Its nested stacks' templates, by logical ID (`stacks/<name>.json`). */
  readonly nestedTemplates: ReadonlyMap<string, Template>;
  /** How the template was split: one entry per template, the parent first. */
  readonly stacks: readonly StackReport[];
  /** Where each resource is (logical ID → nested stack, `''` for the parent). */
  readonly layout: StackLayout;
  /** Resources the split moved from the stack they were in (each is deleted and re-created by the next deploy). */
  readonly moved: readonly string[];
  /** The whole template before the split (what analyses of the whole architecture read, e.g. the IAM proof). */
  readonly unsplit: Template;
}

/** Where the templates of a stage are written (`''`: the file as written). */
export const stageFolder = (stage: string): string => (stage === '' ? '' : `stages/${stage}/`);

/** A generated project: files to write (the caller writes them) and what to tell the user. */
export interface GeneratedProject {
  /** Every file, by relative path (`/`-separated), in sorted order. */
  readonly files: ReadonlyMap<string, string>;
  /** The same files with their ownership. */
  readonly planned: readonly PlannedFile[];
  readonly manifest: Manifest;
  /** The CloudFormation template (also in `files` as `template.json`): the parent when it is split. */
  readonly template: Template;
  /** Its nested stacks' templates (also in `files` as `stacks/<name>.json`), by logical ID. */
  readonly nestedTemplates: ReadonlyMap<string, Template>;
  /** How the template was split: one entry per template, the parent first. */
  readonly stacks: readonly StackReport[];
  /** Where each resource is (logical ID → nested stack, `''` for the parent). */
  readonly layout: StackLayout;
  /** Resources the split moved from the stack they were in (each is deleted and re-created by the next deploy). */
  readonly moved: readonly string[];
  /** The whole template before the split (what analyses of the whole architecture read, e.g. the IAM proof). */
  readonly unsplit: Template;
  /** The templates of each stage the file declares (`stages/<stage>/template.json`, …), by stage. */
  readonly stageTemplates: ReadonlyMap<string, TemplateSet>;
  readonly functions: readonly FunctionDeployment[];
  /** Handlers of functions that are no longer in the architecture: left in place. */
  readonly orphanedHandlers: readonly string[];
  /** Generated files of the previous generation that this one no longer writes: left in place. */
  readonly staleFiles: readonly string[];
  /** Names that could not be generated and other warnings, as findings on the architecture file. */
  readonly problems: readonly Finding[];
}

/**
 * Generates a deployable project from an architecture: `template.json` (plain CloudFormation),
 * typed handlers and their generated types, emit helpers, samples and tests, a build and a README.
 * Pure and deterministic: the same input gives the same bytes; nothing is written here.
 */
export function generate(input: GenerateInput, options: GenerateOptions = {}): GeneratedProject {
  const root = 'root' in input ? input.root : input.doc.value;
  const graph = 'graph' in input ? input.graph : buildGraph(root).graph;
  const ctx = new CodegenContext(graph, root);

  const types = schemasToTypes([...graph.events.values()].map((e) => ({ name: e.name, schema: e.schema ?? {} })));
  const eventType = (name: string): string => qualified(types.names.get(name) ?? 'unknown');
  const payloads = new Payloads(ctx, { eventType });
  const samples = new Samples(ctx);
  samples.matching = (pattern) => eventsMatching(pattern, graph.events.values());
  const built = buildTemplate(ctx);
  const functions = built.functions;
  /** The templates of one stack, split when they do not fit one template; their problems go to the file. */
  const templates = (c: CodegenContext, b: ReturnType<typeof buildTemplate>, set: string): TemplateSet => {
    const layout = options.layouts?.get(set);
    const unsplit = inlineCodeKeys(b.template, b.functions);
    const split = splitTemplate({ template: unsplit, owners: b.owners, rank: flowOrder(c.graph), ...(layout ? { previous: layout } : {}) });
    for (const p of split.problems) {
      const node = p.nodes[0] !== undefined ? graph.nodes.get(p.nodes[0]) : undefined;
      ctx.problems.push({ code: 'codegen/template-quota', severity: 'error', at: node?.pointer ?? [], ...(node ? { target: 'key' as const } : {}), message: set === '' ? p.message : `Stage '${set}': ${p.message}` });
    }
    return { template: split.root, nestedTemplates: split.children, stacks: split.report, layout: split.layout, moved: split.moved, unsplit };
  };
  const base = templates(ctx, built, ROOT_STACK);
  const stageTemplates = new Map<string, TemplateSet>();
  for (const stage of new Set([...stageNames(root), ...(options.stages ?? []).filter((st) => STAGE_NAME.test(st))])) {
    const stageRoot = applyStage(root, stage);
    const stageCtx = new CodegenContext(buildGraph(stageRoot).graph, stageRoot);
    stageTemplates.set(stage, templates(stageCtx, buildTemplate(stageCtx), stage));
  }
  const plans: FunctionPlan[] = planFunctions(ctx, payloads, eventType);

  const helpers = new Set<RuntimeHelper>(plans.flatMap((p) => p.emitters.map((e) => e.helper)));
  const sdk = [...new Set([...helpers].flatMap((h) => HELPER_PACKAGES[h]))];

  const planned: PlannedFile[] = [];
  const paths = new Set<string>();
  const put = (path: string, content: string, ownership: PlannedFile['ownership'] = 'generated'): void => {
    if (!isSafeRelativePath(path)) {
      ctx.problems.push({ code: 'codegen/unsafe-path', severity: 'error', at: [], message: `Not generated: '${path}' is not a safe relative path.` });
      return;
    }
    // Two files of one path (a function named like a shared module): the first stays, nothing overwrites it.
    if (paths.has(path.toLowerCase())) {
      ctx.problems.push({ code: 'codegen/path-clash', severity: 'error', at: [], message: `Not generated: '${path}' is already a file of the project.` });
      return;
    }
    paths.add(path.toLowerCase());
    planned.push({ path, content, ownership });
  };

  for (const [set, t] of [[ROOT_STACK, base] as const, ...stageTemplates]) {
    put(stageFolder(set) + stackPath(ROOT_STACK), templateText(t.template));
    for (const [name, child] of t.nestedTemplates) put(stageFolder(set) + stackPath(name), templateText(child));
  }
  put('package.json', JSON.stringify(packageJson(ctx, plans, sdk, options.architectureFile), null, 2) + '\n', 'merged');
  put('tsconfig.json', tsconfigJson());
  put('scripts/build.mjs', buildMjs(ctx.name, functions));
  put('README.md', readmeMd(ctx, functions), 'user');
  put('.gitignore', gitignore(), 'user');
  put('src/generated/events.ts', eventsTs(ctx, types));
  put('src/generated/runtime.ts', runtimeTs(ctx.name, helpers));
  for (const plan of plans) {
    const fn = plan.node.id;
    put(`src/generated/${fn}.ts`, functionTs(ctx.name, plan));
    put(`src/generated/samples/${fn}.ts`, samplesTs(ctx.name, plan, plan.triggers.map((t) => samples.event(t))));
    put(`src/generated/tests/${fn}.test.ts`, testTs(ctx.name, plan));
    put(`src/handlers/${fn}.ts`, handlerTs(plan), 'user');
  }

  const handlers = Object.fromEntries(plans.map((p) => [p.node.id, `src/handlers/${p.node.id}.ts`]));
  const generatedHashes = Object.fromEntries(planned.filter((f) => f.ownership === 'generated').map((f) => [f.path, sha256(f.content)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
  const manifest: Manifest = {
    archflow: 1,
    architecture: ctx.name,
    files: generatedHashes,
    handlers,
    functions: functions.map((f) => ({ name: f.name, logicalId: f.logicalId, runtime: f.runtime, codeParameter: f.codeParameter, source: f.source })),
  };
  put(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + '\n');
  planned.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const previous = options.previous;
  const orphanedHandlers = previous
    ? Object.entries(previous.handlers).filter(([name, path]) => !(name in handlers) && isSafeRelativePath(path)).map(([, path]) => path).sort()
    : [];
  const written = new Set(planned.map((f) => f.path));
  const staleFiles = previous ? Object.keys(previous.files).filter((p) => !written.has(p) && isSafeRelativePath(p)).sort() : [];

  return {
    files: new Map(planned.map((f) => [f.path, f.content])),
    planned,
    manifest,
    ...base,
    stageTemplates,
    functions,
    orphanedHandlers,
    staleFiles,
    problems: ctx.problems,
  };
}
