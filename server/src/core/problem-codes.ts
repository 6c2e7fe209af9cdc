/**
 * Every problem code Archflow can report, in one registry: the format's own (`file/*`, `yaml/*`,
 * `schema/*`, `ref/*`, `name/*`), every lint rule (taken from `RULES`: a new rule is registered by
 * being in that array), and those of generation, deploy, import and Archflow itself (`codegen/*`,
 * `deploy/*`, `import/*`, `internal/*`). Each has a description, a source and a docs anchor; the
 * language server links every diagnostic to its docs, `archflow rules` lists them, and
 * docs/problems.md and docs/rules.md are generated from here (`npm run docs:rules`). A unit test
 * fails when the code base reports a code that is not here.
 */
import { RULES } from './rules/index';
import type { RuleSource } from './rules/rule';
import type { Severity } from './span';

/** What reports a code. */
export type CodeOrigin =
  /** Reading the file: its text, YAML, structure and names (while typing and in `archflow lint`). */
  | 'format'
  /** A lint rule (while typing and in `archflow lint`). */
  | 'rule'
  /** Generating the project (`arch/generate`, `archflow generate`, deploy). */
  | 'generate'
  /** Deploying (a diagnostic on the node that failed). */
  | 'deploy'
  /** Importing a SAM or CloudFormation template. */
  | 'import'
  /** Reading a scenario file (`archflow simulate`, docs/simulate.md). */
  | 'simulate'
  /** Archflow's own failure, reported instead of crashing. */
  | 'internal';

/** One problem code. */
export interface ProblemCode {
  /** `<family>/<name>`. */
  readonly code: string;
  /** The severity it is reported with (a rule's default; some rules report less or more per finding). */
  readonly severity: Severity;
  /** One line: what it means. */
  readonly description: string;
  /** What it rests on: an AWS page, a specification, or the page of Archflow's docs that defines it. */
  readonly source: RuleSource;
  /** The page of docs/ and the anchor that documents it: `rules.md#sqsvisibilitytimeout`. */
  readonly docs: string;
  readonly origin: CodeOrigin;
}

/** Where the docs are published; a code's `docs` is relative to it. */
export const DOCS_BASE = 'https://github.com/archflow/archflow/blob/main/docs/';

/** The anchor of a code's section: the code without non-alphanumerics, lowercase (`sqs/no-consumer` → `sqsnoconsumer`). */
export function codeAnchor(code: string): string {
  return code.replace(/[^a-z0-9]+/gi, '').toLowerCase();
}

const FORMAT: RuleSource = { title: 'The architecture format', url: `${DOCS_BASE}format.md` };
const LIMITS: RuleSource = { title: 'What no file can make Archflow do', url: `${DOCS_BASE}limits.md` };
const YAML: RuleSource = { title: 'YAML 1.2.2', url: 'https://yaml.org/spec/1.2.2/' };
const SCHEMA: RuleSource = { title: 'The architecture format and its JSON Schema', url: `${DOCS_BASE}format.md` };
const GENERATE: RuleSource = { title: 'Generate a project', url: `${DOCS_BASE}generate.md` };
const DEPLOY: RuleSource = { title: 'Troubleshooting CloudFormation', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html' };
const IMPORT: RuleSource = { title: 'Importing SAM and CloudFormation templates', url: `${DOCS_BASE}import.md` };
const SIMULATE: RuleSource = { title: 'Simulate an architecture: scenario files', url: `${DOCS_BASE}simulate.md` };
const ISSUES: RuleSource = { title: 'Archflow issues', url: 'https://github.com/archflow/archflow/issues' };

type Entry = readonly [code: string, severity: Severity, description: string, source: RuleSource];

/** The codes that are not lint rules, by origin (documented in docs/problems.md). */
const OWN: Readonly<Record<Exclude<CodeOrigin, 'rule'>, readonly Entry[]>> = {
  format: [
    ['file/empty', 'warning', 'The file has no content: start with `archflow: 1` and a `name`.', FORMAT],
    ['file/binary', 'error', 'The file is not text (it holds a NUL byte): architecture files are UTF-8 YAML.', FORMAT],
    ['file/too-large', 'error', 'The file is over the size Archflow analyses (4 MB): split it into several architectures.', LIMITS],
    ['file/encoding', 'error', 'The file holds bytes that are not UTF-8 (the CLI reports the first; the editor decodes files itself): save it as UTF-8.', LIMITS],
    ['yaml/syntax', 'error', 'YAML the parser rejects: the message says what and where.', YAML],
    ['yaml/duplicate-key', 'error', 'A key appears twice in one map: YAML requires unique keys.', YAML],
    ['yaml/alias-limit', 'error', 'Aliases add more than 1,000,000 nodes to the value (an alias bomb): write the values out.', LIMITS],
    ['yaml/alias-cycle', 'error', 'An alias inside the value it names: a cycle cannot be read as data.', YAML],
    ['yaml/unknown-anchor', 'error', 'An alias (`*name`) with no anchor (`&name`) before it.', YAML],
    ['yaml/merge', 'error', 'A merge key (`<<`) whose source is not a map or a list of maps.', { title: 'Merge key language-independent type for YAML 1.1', url: 'https://yaml.org/type/merge.html' }],
    ['yaml/too-deep', 'error', 'Collections nested more than 128 levels deep (aliases count): nothing else of the file is analysed.', LIMITS],
    ['yaml/complex-key', 'error', 'A map or list used as a map key: the entry is left out (a key is text, a number or a boolean).', YAML],
    ['yaml/warning', 'warning', 'YAML the parser accepts with a warning (an unknown tag, …).', YAML],
    ['schema/unknown-property', 'error', 'A property the format does not have here (with the closest known one as a fix).', SCHEMA],
    ['schema/required', 'error', 'A required property is missing (`archflow`, `name`, a `type`, …).', SCHEMA],
    ['schema/type', 'error', 'A value of the wrong type (a string where a number belongs, …).', SCHEMA],
    ['schema/enum', 'error', 'A value outside its list (a `type`, a runtime, a starting position, …).', SCHEMA],
    ['schema/const', 'error', 'A value that must be exactly one thing (`archflow: 1`).', SCHEMA],
    ['schema/pattern', 'error', 'A value of the wrong form (a duration, an ARN, a name, …).', SCHEMA],
    ['schema/invalid-name', 'error', 'A name the format does not accept (letters, digits, `_`, `.`, `-`; routes are `METHOD /path`).', SCHEMA],
    ['schema/invalid', 'error', 'Structure the schema rejects otherwise (empty, too few items, no target, …).', SCHEMA],
    ['ref/unknown', 'error', 'A reference to a name that is not declared.', FORMAT],
    ['ref/wrong-kind', 'error', 'A reference to a node of a kind that cannot be used there (a function where a queue belongs, …).', FORMAT],
    ['ref/unknown-event', 'error', 'An `event` that is not in the catalog (`events`).', FORMAT],
    ['name/duplicate', 'error', 'A name declared twice: names are unique across producers, routers and consumers.', FORMAT],
  ],
  internal: [
    ['internal/rule-failed', 'warning', 'A lint rule failed on this file; the other checks ran. Please report it.', ISSUES],
    ['internal/analysis-failed', 'error', 'Archflow could not analyse this file (a bug, not the file\'s fault); the editor keeps working. Please report it.', ISSUES],
  ],
  generate: [
    ['codegen/unsafe-name', 'error', 'A function whose name cannot name a file is not generated.', GENERATE],
    ['codegen/name-clash', 'error', 'Two functions whose files would clash on a case-insensitive file system: the second is not generated.', GENERATE],
    ['codegen/reserved-name', 'error', 'A function named like a shared module of the project (`events`, `runtime`) is not generated.', GENERATE],
    ['codegen/path-clash', 'error', 'A second file of the same path is never generated: the first one stays.', GENERATE],
    ['codegen/unsafe-path', 'error', 'A path that would leave the output folder is not generated.', GENERATE],
    ['codegen/environment-clash', 'warning', 'A function\'s own environment variable has the name of one Archflow sets for an emit target.', GENERATE],
    ['codegen/topic-message-size', 'warning', 'A topic\'s raised `maxMessageSize` cannot be set by the template (AWS::SNS::Topic has no such property yet): set it after deploying.', GENERATE],
    ['codegen/route-timeout', 'warning', 'A route waits longer than the generated integration allows (30 s on an HTTP API, the REST default of 29 s on a REST API).', GENERATE],
    ['codegen/template-quota', 'error', 'A node (or its resources) that does not fit one CloudFormation template even alone: splitting into nested stacks cannot help.', GENERATE],
    ['codegen/state-machine-definition', 'warning', 'A state machine whose definition could not be read is generated with a definition that fails at once, saying why.', GENERATE],
    ['codegen/state-machine-substitution', 'warning', 'A `${Name}` of a state machine\'s definition is left as written: `substitutions` does not give it, or names a node that is not generated.', GENERATE],
    ['codegen/websocket-no-routes', 'warning', 'A WebSocket API with no route to a function of the file is generated without a deployment or stage: no client can connect.', GENERATE],
    ['codegen/pipe-incomplete', 'warning', 'A pipe whose source or target is missing or external is not generated; an existing table it reads must be named by its stream\'s ARN.', GENERATE],
    ['codegen/unwired-edge', 'warning', 'An edge with an external node at one end: what Archflow grants for it (on the `arn` of an existing resource), and what it cannot create or grant (a subscription on a topic it does not own; anything, without an `arn`). A warning when a function of the file cannot be granted its call or its invocation; info when everything it needs is granted, or the outside resource sends with permissions of its own.', GENERATE],
  ],
  deploy: [
    ['deploy/failed', 'error', 'The first resource that failed in the last deploy, on its node, with CloudFormation\'s reason.', DEPLOY],
    ['deploy/build-failed', 'error', 'A function\'s own `build` failed: the deploy stopped before any AWS call; the build\'s last lines are in the message.', DEPLOY],
    ['deploy/type-error', 'error', 'A handler of the generated project does not type-check: the deploy stopped before any AWS call (shown at the handler\'s file and line).', DEPLOY],
  ],
  import: [
    ['import/parse', 'error', 'The template could not be read as YAML or JSON.', IMPORT],
    ['import/internal', 'error', 'The importer failed on this template. Please report it.', ISSUES],
  ],
  simulate: [
    ['scenario/invalid', 'error', 'A scenario file entry the simulator cannot use: an empty file, a duration, share or pattern that does not read, an expectation that says nothing or two things.', SIMULATE],
    ['scenario/unknown-node', 'error', 'A scenario names a node the architecture does not have (with the closest name).', SIMULATE],
    ['scenario/wrong-kind', 'error', 'A scenario names a node of the wrong kind for its place (a queue where a function belongs, …).', SIMULATE],
    ['scenario/unknown-route', 'error', 'A request to a route the API does not have.', SIMULATE],
    ['scenario/unknown-event', 'error', 'An event that is not in the architecture\'s catalog (`events`).', SIMULATE],
    ['scenario/unknown-send', 'error', 'A function behaviour names a send the function does not declare in `emits`.', SIMULATE],
    ['scenario/unknown-arrival', 'error', 'An expectation names arrivals (`of`) that no arrival of the scenario is called.', SIMULATE],
    ['scenario/no-architecture', 'error', 'The architecture a scenario file names cannot be read, or has problems in its format: the names of the scenarios are not checked against it (in the editor).', SIMULATE],
    ['scenario/expectation-failed', 'error', 'An expectation did not hold when the scenario ran (the editor\'s "Run scenario" lens), at the expectation, with what happened.', SIMULATE],
  ],
};

const own = (origin: Exclude<CodeOrigin, 'rule'>): ProblemCode[] =>
  OWN[origin].map(([code, severity, description, source]) => ({ code, severity, description, source, docs: `problems.md#${codeAnchor(code)}`, origin }));

/** Every problem code: the format's, the lint rules' (from `RULES`), then generation's, deploy's, import's and Archflow's own. */
export const PROBLEM_CODES: readonly ProblemCode[] = [
  ...own('format'),
  ...RULES.map((r): ProblemCode => ({ code: r.code, severity: r.severity, description: r.description, source: r.source, docs: `rules.md#${codeAnchor(r.code)}`, origin: 'rule' })),
  ...own('generate'),
  ...own('deploy'),
  ...own('import'),
  ...own('simulate'),
  ...own('internal'),
];

/** Problem codes by code. */
export const PROBLEM_CODES_BY_CODE: ReadonlyMap<string, ProblemCode> = new Map(PROBLEM_CODES.map((c) => [c.code, c]));

/** The URL of a code's documentation, or undefined for a code that is not registered. */
export function docsUrl(code: string): string | undefined {
  const c = PROBLEM_CODES_BY_CODE.get(code);
  return c ? DOCS_BASE + c.docs : undefined;
}
