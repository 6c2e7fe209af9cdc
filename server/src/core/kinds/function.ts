/**
 * Kind `function`: a Lambda function (consumer). Its settings are the effective ones (own value over
 * `defaults` over the AWS default, each with where it was written); it emits to routers and stores.
 */
import { getAtt, nonEmpty, ref, sub, trust, wholeSeconds, type Cfn } from '../codegen/cfn';
import { ACCOUNT, REGION, TIME } from '../codegen/sample-events';
import { sampleFromSchema } from '../eventbridge/pattern';
import { DEFAULT_LOG_RETENTION_DAYS, LOG_RETENTION_DAYS } from '../facts/limits';
import { LOGS_ACTIONS, PRINCIPALS, policyResourceArns } from '../model/edge-permissions';
import type { Pointer } from '../span';
import { formatSeconds, n, toSeconds } from '../util/duration';
import { isObj, type Obj } from '../util/value';
import type { Draft, DraftNode } from '../import/draft';
import { noteRest, put as putProp, resolveTarget } from '../import/helpers';
import { asList, type Resource } from '../import/template';
import type { TemplateKit } from '../codegen/template-kit';
import type { GraphNode } from '../model/graph';
import type { KindModule, ReferenceSlot, SettingsInput } from './kind';
import { inlineCode, list, num, put, seconds, shown, text, type Mutable } from './read';
import { functionSimulation } from '../simulate/kinds/function';

/** True for the runtimes whose code Archflow generates and bundles (Node.js). */
export const isNodeRuntime = (runtime: string): boolean => /^nodejs/.test(runtime);

/** True for a function whose code Archflow generates: a .zip package on a Node.js runtime. */
export const hasGeneratedCode = (s: Pick<FunctionConfig, 'runtime' | 'package'>): boolean => s.package !== 'image' && isNodeRuntime(s.runtime.value);

/** The defaults Archflow uses when neither a function nor `defaults` sets a value. */
export const FUNCTION_DEFAULTS = {
  runtime: 'nodejs24.x',
  memory: 128,
  timeout: 3,
  tmp: 512,
  architecture: 'x86_64',
  handler: 'index.handler',
} as const;

/** A function setting with the pointer where its value was written (`undefined` for an AWS default). */
export interface Setting<T> {
  readonly value: T;
  readonly at?: Pointer;
}

/** The settings `defaults` may give every function, resolved for one function. */
export interface FunctionSettings {
  readonly runtime: Setting<string>;
  readonly memory: Setting<number>;
  /** Seconds. */
  readonly timeout: Setting<number>;
  readonly tmp: Setting<number>;
  readonly architecture: Setting<string>;
  readonly handler: Setting<string>;
  readonly environment: Setting<Readonly<Record<string, unknown>>>;
  readonly layers: Setting<readonly unknown[]>;
  /** Days CloudWatch Logs keeps the function's logs (its log group's `RetentionInDays`). */
  readonly logRetention: Setting<number>;
}

/**
 * One statement of a function's own `policies` (entries that are not maps are left out). As in IAM,
 * a single string reads as a list of one.
 */
export interface PolicyStatement {
  /** Its index in `policies`. */
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  /** The string entries of `actions`. */
  readonly actions: readonly string[];
  /** The string entries of `resources` (node names or ARNs). */
  readonly resources: readonly string[];
  /** True when both `actions` and `resources` are written as lists, as the format requires (only those are deployed). */
  readonly complete: boolean;
}

/** Asynchronous invocation settings (`async`). */
export interface AsyncSettings {
  readonly retries?: number;
  /** Seconds. */
  readonly maxAge?: number;
  /** True when `onFailure` is written (the reference makes the edge). */
  readonly hasOnFailure: boolean;
}

/** How a function URL authenticates its callers (`url.auth`): IAM (SigV4-signed requests) or nobody. */
export type UrlAuth = 'iam' | 'none';

/** The CORS settings of a function URL (`url.cors`), as written; `true` allows every origin. */
export interface UrlCors {
  readonly allowOrigins?: readonly string[];
  readonly allowMethods?: readonly string[];
  readonly allowHeaders?: readonly string[];
  readonly exposeHeaders?: readonly string[];
  readonly allowCredentials?: boolean;
  /** Seconds. */
  readonly maxAge?: number;
}

/** A function URL (`url`): an HTTPS endpoint that invokes the function (`AWS::Lambda::Url`). */
export interface FunctionUrl {
  /** Unset when written wrong: the schema reports it, and nothing is generated. */
  readonly auth?: UrlAuth;
  /** Why a public URL (`auth: none`) is acceptable: how the function checks its callers itself. */
  readonly reason?: string;
  /** `BUFFERED` (the default: the response is sent once complete, ≤ 6 MB) or `RESPONSE_STREAM`. */
  readonly invokeMode?: 'BUFFERED' | 'RESPONSE_STREAM';
  readonly cors?: UrlCors;
}

/** How deploy builds a function whose code Archflow does not generate (`build`). */
export interface BuildSettings {
  /** Run with a shell in the function's `code` folder. */
  readonly command: string;
  /** The folder or `.zip` to upload, relative to the `code` folder (default: the `code` folder). */
  readonly artifact?: string;
}

/** The settings of a function: the effective shared ones and its own. */
export interface FunctionConfig extends FunctionSettings {
  /** The code folder of a function whose code Archflow does not generate, as written (relative to the architecture file). */
  readonly code?: string;
  /** Its build, when written. */
  readonly build?: BuildSettings;
  /** `image` for a container-image function (`package: image`); zip otherwise. */
  readonly package: 'zip' | 'image';
  /** The container image URI of an image function, when written. */
  readonly image?: string;
  /** An existing execution role's ARN, when written. */
  readonly role?: string;
  /** The function's own IAM statements, when `policies` is a list (they replace the generated ones). */
  readonly policies?: readonly PolicyStatement[];
  readonly reservedConcurrency?: number;
  /** Present when `async` is a map. */
  readonly async?: AsyncSettings;
  /** Present when `url` is a map. */
  readonly url?: FunctionUrl;
}

/** `['defaults', key]` and the AWS default of each setting, shared by every function that uses them. */
// eslint-disable-next-line no-restricted-syntax -- one entry per setting name: bounded, constants only
const DEFAULTS_AT = new Map<string, Pointer>();
// eslint-disable-next-line no-restricted-syntax -- one entry per setting name: bounded, constants only
const FALLBACK = new Map<string, Setting<unknown>>();

function setting<T>(
  name: string, own: Obj, defaults: Obj, fallback: T, read: (v: unknown) => T | undefined, ownAt: Pointer,
): Setting<T> {
  const mine = read(own[name]);
  if (mine !== undefined) return { value: mine, at: ownAt.concat(name) };
  const shared = read(defaults[name]);
  if (shared !== undefined) {
    let at = DEFAULTS_AT.get(name);
    if (!at) DEFAULTS_AT.set(name, (at = Object.freeze(['defaults', name])));
    return { value: shared, at };
  }
  let f = FALLBACK.get(name);
  if (!f) FALLBACK.set(name, (f = Object.freeze({ value: fallback })));
  return f as Setting<T>;
}

const readNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const readString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A function's effective settings: its own values over `defaults` over the AWS defaults. */
export function functionSettings(name: string, own: Obj, defaults: Obj): FunctionSettings {
  const at = ['consumers', name];
  return {
    runtime: setting('runtime', own, defaults, FUNCTION_DEFAULTS.runtime as string, readString, at),
    memory: setting('memory', own, defaults, FUNCTION_DEFAULTS.memory as number, readNumber, at),
    timeout: setting('timeout', own, defaults, FUNCTION_DEFAULTS.timeout as number, toSeconds, at),
    tmp: setting('tmp', own, defaults, FUNCTION_DEFAULTS.tmp as number, readNumber, at),
    architecture: setting('architecture', own, defaults, FUNCTION_DEFAULTS.architecture as string, readString, at),
    handler: setting('handler', own, defaults, FUNCTION_DEFAULTS.handler as string, readString, at),
    environment: setting('environment', own, defaults, {} as Readonly<Record<string, unknown>>, (v) => (isObj(v) ? v : undefined), at),
    layers: setting('layers', own, defaults, [] as readonly unknown[], (v) => (Array.isArray(v) ? v : undefined), at),
    logRetention: setting('logRetention', own, defaults, DEFAULT_LOG_RETENTION_DAYS, (v) => (typeof v === 'number' && LOG_RETENTION_DAYS.includes(v) ? v : undefined), at),
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Reads a function's declaration (with the document's `defaults`). */
export function functionConfig(c: Obj, input: SettingsInput): FunctionConfig {
  const s: Mutable<FunctionConfig> = { ...functionSettings(input.name, c, input.defaults), package: 'zip' };
  put(s, 'code', text(c.code));
  const build = typeof c.build === 'string' ? { command: c.build } : isObj(c.build) && typeof c.build.command === 'string' ? { command: c.build.command, ...(typeof c.build.artifact === 'string' ? { artifact: c.build.artifact } : {}) } : undefined;
  put(s, 'build', build);
  s.package = c.package === 'image' ? 'image' : 'zip';
  put(s, 'image', text(c.image));
  put(s, 'role', text(c.role));
  if (Array.isArray(c.policies)) {
    const policies: PolicyStatement[] = [];
    c.policies.forEach((p, index) => {
      if (!isObj(p)) return;
      policies.push({
        index, effect: p.effect === 'Deny' ? 'Deny' : 'Allow', actions: strings(p.actions), resources: strings(p.resources),
        complete: Array.isArray(p.actions) && Array.isArray(p.resources),
      });
    });
    s.policies = policies;
  }
  put(s, 'reservedConcurrency', num(c.reservedConcurrency));
  if (isObj(c.async)) {
    const a: Mutable<AsyncSettings> = { hasOnFailure: c.async.onFailure !== undefined };
    put(a, 'retries', num(c.async.retries));
    put(a, 'maxAge', seconds(c.async.maxAge));
    s.async = a;
  }
  if (isObj(c.url)) s.url = urlSettings(c.url);
  return s;
}

const words = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** Reads `url`. */
function urlSettings(u: Obj): FunctionUrl {
  const out: Mutable<FunctionUrl> = {};
  if (u.auth === 'iam' || u.auth === 'none') out.auth = u.auth;
  put(out, 'reason', text(u.reason));
  if (u.invokeMode === 'BUFFERED' || u.invokeMode === 'RESPONSE_STREAM') out.invokeMode = u.invokeMode;
  if (u.cors === true) out.cors = { allowOrigins: ['*'] };
  else if (isObj(u.cors)) {
    const c: Mutable<UrlCors> = {};
    put(c, 'allowOrigins', words(u.cors.allowOrigins));
    put(c, 'allowMethods', words(u.cors.allowMethods));
    put(c, 'allowHeaders', words(u.cors.allowHeaders));
    put(c, 'exposeHeaders', words(u.cors.exposeHeaders));
    if (typeof u.cors.allowCredentials === 'boolean') c.allowCredentials = u.cors.allowCredentials;
    put(c, 'maxAge', seconds(u.cors.maxAge));
    out.cors = c;
  }
  return out;
}

/** What a function may name in `emits`: routers and stores it sends to or writes, and functions it invokes. */
const EMITS = { at: /^emits\/#(\/to)?$/, names: ['queue', 'topic', 'event-bus', 'stream', 'firehose', 'bucket', 'table', 'function'], mechanism: 'emit' } as const satisfies ReferenceSlot;
const EMITTED_EVENT = { at: /^emits\/#\/event$/, names: 'event' } as const satisfies ReferenceSlot;
/**
 * Destinations of asynchronous invocations (aws-limits A3); an S3 bucket only on failure (Lambda DG,
 * "Capturing records of Lambda asynchronous invocations": "An Amazon S3 bucket (on failure only)";
 * CloudFormation's `OnSuccess` lists SNS, SQS, Lambda and EventBridge).
 */
const ON_FAILURE = { at: /^async\/onFailure$/, names: ['queue', 'topic', 'event-bus', 'function', 'bucket'] } as const satisfies ReferenceSlot;
const ON_SUCCESS = { at: /^async\/onSuccess$/, names: ['queue', 'topic', 'event-bus', 'function'] } as const satisfies ReferenceSlot;
const POLICY_RESOURCE = { at: /^policies\/#\/resources\/#$/, names: 'any' } as const satisfies ReferenceSlot;

// ---- Import: SAM and Lambda functions -------------------------------------------------------------

const isNode = (runtime: unknown): boolean => typeof runtime === 'string' && isNodeRuntime(runtime);

/**
 * Function settings from SAM or Lambda properties: runtime, handler and code (kept only for
 * runtimes whose code Archflow does not generate), memory, timeout, `/tmp`, architecture, layers,
 * environment, reserved concurrency.
 */
function importedSettings(d: Draft, props: Obj, id: string, effectiveRuntime: unknown): Obj {
  const { t } = d;
  const o: Obj = {};
  putProp(o, 'description', t.str(props.Description));
  const runtime = t.str(props.Runtime);
  putProp(o, 'runtime', runtime);
  if (!isNode(effectiveRuntime)) {
    putProp(o, 'handler', t.str(props.Handler));
    const code = props.CodeUri ?? (isObj(props.Code) ? undefined : props.Code);
    if (typeof code === 'string') o.code = code;
  } else if (props.Handler !== undefined || props.CodeUri !== undefined) {
    d.notes.add('Node.js handlers are generated by Archflow: the Handler and CodeUri of Node.js functions were not carried over (your code stays where it is).');
  }
  putProp(o, 'memory', t.num(props.MemorySize));
  putProp(o, 'timeout', t.num(props.Timeout));
  putProp(o, 'tmp', isObj(props.EphemeralStorage) ? t.num(props.EphemeralStorage.Size) : undefined);
  const arch = asList(t.render(props.Architectures))[0];
  if (arch === 'arm64' || arch === 'x86_64') o.architecture = arch;
  if (props.Layers !== undefined) {
    const layers: string[] = [];
    for (const l of asList(props.Layers)) {
      const s = t.render(l);
      if (typeof s === 'string' && /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:/.test(s)) layers.push(s);
      else d.notes.notCarriedOver('Layers that are not a literal layer-version ARN', id);
    }
    if (layers.length > 0) o.layers = layers;
  }
  const env = isObj(props.Environment) ? t.render(props.Environment.Variables) : undefined;
  if (isObj(env)) {
    const vars: Obj = {};
    for (const [k, v] of Object.entries(env)) vars[k] = typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    o.environment = vars;
  }
  putProp(o, 'reservedConcurrency', t.num(props.ReservedConcurrentExecutions));
  return o;
}

const SAM_FUNCTION_HANDLED = [
  'Description', 'Runtime', 'Handler', 'CodeUri', 'MemorySize', 'Timeout', 'EphemeralStorage', 'Architectures', 'Layers',
  'Environment', 'ReservedConcurrentExecutions', 'Events', 'Policies', 'Role', 'EventInvokeConfig', 'DeadLetterQueue',
  'FunctionName', 'Connectors', 'FunctionUrlConfig',
];
const LAMBDA_FUNCTION_HANDLED = [
  'Description', 'Runtime', 'Handler', 'Code', 'MemorySize', 'Timeout', 'EphemeralStorage', 'Architectures', 'Layers',
  'Environment', 'ReservedConcurrentExecutions', 'Role', 'DeadLetterConfig', 'FunctionName',
];

/** SAM merges `Globals` into each function: maps merge, lists add up, scalars are overridden. */
function mergeGlobals(global: unknown, own: unknown): unknown {
  if (own === undefined) return global;
  if (isObj(global) && isObj(own) && !Object.keys(own).some((k) => k.startsWith('Fn::') || k === 'Ref')) {
    const out: Obj = { ...global };
    for (const [k, v] of Object.entries(own)) out[k] = mergeGlobals(global[k], v);
    return out;
  }
  if (Array.isArray(global) && Array.isArray(own)) return [...global, ...own];
  return own;
}

/** The `defaults` of the architecture, from SAM `Globals.Function`. */
function defaultsFromGlobals(d: Draft): Obj {
  const g = isObj(d.t.globals.Function) ? d.t.globals.Function : {};
  const defaults = importedSettings(d, g, 'Globals', g.Runtime);
  delete defaults.description;
  delete defaults.code;
  delete defaults.reservedConcurrency;
  for (const k of Object.keys(g)) if (!SAM_FUNCTION_HANDLED.includes(k) || ['Description', 'CodeUri', 'ReservedConcurrentExecutions'].includes(k)) d.notes.notCarriedOver(k, 'Globals');
  return defaults;
}

/** The AWS value of a setting a function leaves unset, for functions `defaults` must not apply to. */
const AWS_DEFAULTS: Readonly<Record<string, unknown>> = {
  memory: FUNCTION_DEFAULTS.memory, timeout: FUNCTION_DEFAULTS.timeout, tmp: FUNCTION_DEFAULTS.tmp,
  architecture: FUNCTION_DEFAULTS.architecture, environment: {}, layers: [],
};

function importFunction(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const sam = r.type === 'AWS::Serverless::Function';
  const g = sam && isObj(t.globals.Function) ? t.globals.Function : {};
  const props = r.properties;
  const runtime = t.render(props.Runtime ?? g.Runtime);
  let own: Obj;
  if (sam) {
    // Write what the function sets; environment and layers are merged with Globals here, because
    // in Archflow a function's own `environment` replaces `defaults.environment`.
    const merged: Obj = { ...props };
    if (props.Environment !== undefined && g.Environment !== undefined) merged.Environment = mergeGlobals(g.Environment, props.Environment);
    if (props.Layers !== undefined && g.Layers !== undefined) merged.Layers = mergeGlobals(g.Layers, props.Layers);
    own = importedSettings(d, merged, r.id, runtime);
    noteRest(d, r, props, SAM_FUNCTION_HANDLED);
  } else {
    own = importedSettings(d, props, r.id, runtime);
    noteRest(d, r, props, LAMBDA_FUNCTION_HANDLED);
    for (const [k, v] of Object.entries(AWS_DEFAULTS)) if (k in d.defaults && !(k in own)) own[k] = v;
    if (('runtime' in d.defaults && !('runtime' in own)) || ('handler' in d.defaults && !('handler' in own))) {
      d.notes.add(`${r.id} is a plain Lambda function: \`defaults\` (from SAM Globals) now also apply to its runtime and handler.`);
    }
  }
  if (t.str(props.PackageType) === 'Image') d.notes.add(`${r.id} is a container image function: Archflow models zip functions, so its runtime is assumed.`);
  const role = props.Role;
  if (typeof role === 'string' && role.startsWith('arn:')) own.role = role;
  Object.assign(node.props, own);
  // Asynchronous invocation: EventInvokeConfig (SAM), DeadLetterQueue / DeadLetterConfig (legacy DLQ).
  if (isObj(props.EventInvokeConfig)) eventInvokeConfig(d, node, props.EventInvokeConfig);
  if (isObj(props.FunctionUrlConfig)) functionUrlConfig(d, node, props.FunctionUrlConfig);
  const dlq = isObj(props.DeadLetterQueue) ? props.DeadLetterQueue.TargetArn : isObj(props.DeadLetterConfig) ? props.DeadLetterConfig.TargetArn : undefined;
  if (dlq !== undefined && node.async.onFailure === undefined) {
    const target = resolveTarget(d, dlq, ['queue', 'topic'], `${r.id}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${r.id}`);
    node.async.onFailure = d.ref(target);
    d.notes.add(`The dead-letter queue of ${r.id} became its on-failure destination (\`async.onFailure\`).`);
  }
}

/** `EventInvokeConfig` (SAM property or `AWS::Lambda::EventInvokeConfig`) → `async`. */
export function eventInvokeConfig(d: Draft, fn: DraftNode, c: Obj): void {
  const { t } = d;
  const retries = t.num(c.MaximumRetryAttempts);
  const maxAge = t.num(c.MaximumEventAgeInSeconds);
  if (retries !== undefined) fn.async.retries = retries;
  if (maxAge !== undefined) fn.async.maxAge = maxAge;
  const dest = isObj(c.DestinationConfig) ? c.DestinationConfig : {};
  if (isObj(dest.OnFailure) && dest.OnFailure.Destination !== undefined) {
    const target = resolveTarget(d, dest.OnFailure.Destination, ON_FAILURE.names, `${fn.key}OnFailure`, String(t.render(dest.OnFailure.Type) ?? 'AWS::SQS::Queue'), `The on-failure destination of ${fn.key}`);
    fn.async.onFailure = d.ref(target);
  }
  if (isObj(dest.OnSuccess) && dest.OnSuccess.Destination !== undefined) {
    const target = resolveTarget(d, dest.OnSuccess.Destination, ON_SUCCESS.names, `${fn.key}OnSuccess`, String(t.render(dest.OnSuccess.Type) ?? 'AWS::SQS::Queue'), `The on-success destination of ${fn.key}`);
    fn.async.onSuccess = d.ref(target);
  }
}

/** `FunctionUrlConfig` (SAM) or an `AWS::Lambda::Url` resource → `url`. */
export function functionUrlConfig(d: Draft, fn: DraftNode, c: Obj): void {
  const { t } = d;
  const url: Obj = { auth: t.str(c.AuthType) === 'NONE' ? 'none' : 'iam' };
  const mode = t.str(c.InvokeMode);
  if (mode === 'BUFFERED' || mode === 'RESPONSE_STREAM') url.invokeMode = mode;
  const cors = t.render(c.Cors);
  if (isObj(cors)) {
    const o: Obj = {};
    const strings = (v: unknown): string[] | undefined => {
      const xs = asList(t.render(v)).filter((x): x is string => typeof x === 'string');
      return xs.length ? xs : undefined;
    };
    putProp(o, 'allowOrigins', strings(cors.AllowOrigins));
    putProp(o, 'allowMethods', strings(cors.AllowMethods));
    putProp(o, 'allowHeaders', strings(cors.AllowHeaders));
    putProp(o, 'exposeHeaders', strings(cors.ExposeHeaders));
    if (typeof cors.AllowCredentials === 'boolean') o.allowCredentials = cors.AllowCredentials;
    putProp(o, 'maxAge', t.num(cors.MaxAge));
    url.cors = o;
  }
  if (c.Qualifier !== undefined) d.notes.add(`The function URL of ${fn.key} points at an alias or version (Qualifier); Archflow's URL points at the function's latest version.`);
  fn.props.url = url;
  if (url.auth === 'none') d.notes.add(`The function URL of ${fn.key} is public (AuthType NONE): say why in \`url.reason\` (how the function checks its callers), or lint warns.`);
}

/**
 * A function URL (`AWS::Lambda::Url`) and the resource policy it needs: with `auth: none`, anyone may
 * call it, which takes both `lambda:InvokeFunctionUrl` and (for URLs created since October 2025)
 * `lambda:InvokeFunction` through the URL; with `auth: iam`, callers need an identity policy granting both.
 */
function functionUrl(fn: GraphNode<'function'>, id: string, url: FunctionUrl, t: TemplateKit): void {
  const { ctx } = t;
  const urlId = ctx.newId([id, 'Url'], `url:${fn.id}`);
  const c = url.cors;
  const auth = url.auth === 'none' ? 'NONE' : 'AWS_IAM';
  t.add(urlId, 'AWS::Lambda::Url', {
    TargetFunctionArn: getAtt(id, 'Arn'),
    AuthType: auth,
    InvokeMode: url.invokeMode,
    Cors: c ? {
      AllowOrigins: c.allowOrigins, AllowMethods: c.allowMethods, AllowHeaders: c.allowHeaders, ExposeHeaders: c.exposeHeaders,
      AllowCredentials: c.allowCredentials, MaxAge: wholeSeconds(c.maxAge),
    } : undefined,
  });
  if (auth === 'NONE') {
    t.add(ctx.newId([id, 'UrlPermission'], `url-permission:${fn.id}`), 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl', FunctionName: ref(id), Principal: '*', FunctionUrlAuthType: 'NONE',
    });
    t.add(ctx.newId([id, 'UrlInvokePermission'], `url-invoke-permission:${fn.id}`), 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', FunctionName: ref(id), Principal: '*', InvokedViaFunctionUrl: true,
    });
  }
  t.output(`${id}Url`, { Description: `URL of function '${fn.id}' (auth ${auth}).`, Value: getAtt(urlId, 'FunctionUrl') });
}

/** The `function` kind (the default type of a consumer). */
export const fn: KindModule<'function', FunctionConfig> = {
  kind: 'function',
  label: 'function',
  sections: ['consumers'],
  aliases: ['lambda', 'aws::lambda::function', 'aws::serverless::function'],
  targetKey: 'function',
  settings: functionConfig,
  references: {
    slots: [EMITS, EMITTED_EVENT, ON_FAILURE, ON_SUCCESS, POLICY_RESOURCE],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      list(c.emits).forEach((e, i) => {
        const at = p.concat('emits', i);
        const ref = l.ref(e, at, { nameKey: 'to' });
        const event = isObj(e) ? l.event(e.event, at.concat('event')) : undefined;
        // A function named in `emits` is invoked (AWS SDK `Invoke`); a router or store is sent to.
        const mechanism = ref && l.kindOf(ref.name) === 'function' ? 'invoke' : 'emit';
        l.edge(node, ref, EMITS.names, 'emit', mechanism, `what function '${node.id}' emits to`, event ? { event } : {});
      });
      if (isObj(c.async)) {
        l.edge(node, l.ref(c.async.onFailure, p.concat('async', 'onFailure')), ON_FAILURE.names, 'on-failure', 'failure-destination', `the on-failure destination of ${l.subject(node)}`);
        l.edge(node, l.ref(c.async.onSuccess, p.concat('async', 'onSuccess')), ON_SUCCESS.names, 'on-success', 'success-destination', `the on-success destination of ${l.subject(node)}`);
      }
    },
  },
  cloudformation: {
    suffix: 'Function',
    order: 0,
    // A function that invokes another gets its name.
    env: { word: 'FUNCTION', holds: 'NAME', value: (_node, id) => ref(id) },
    resources(fn, t) {
      const { ctx } = t;
      const id = ctx.id(fn.id)!;
      const s = fn.settings;
      const runtime = s.runtime.value;
      const image = s.package === 'image';
      const node = hasGeneratedCode(s);
      // A container image is built and pushed by its owner: nothing to upload, so no code parameter.
      const codeParameter = image ? undefined : ctx.newId([id, 'CodeKey'], `code-key:${fn.id}`);
      if (codeParameter) t.parameter(codeParameter, { Type: 'String', Default: `functions/${fn.id}.zip`, Description: `S3 key of the package of function '${fn.id}' in ArtifactBucket.` });
      // Generated code is built into the project (`dist/<name>`); other code lives where `code` says, relative to the architecture file.
      const source = node ? `dist/${fn.id}` : nonEmpty(s.code) ?? `functions/${fn.id}`;
      if (codeParameter) t.deployment({ name: fn.id, logicalId: id, runtime, codeParameter, source, ...(node ? {} : { base: 'architecture' as const }), ...(!node && s.build ? { build: s.build } : {}) });
      const metadata: Obj = image ? {} : { 'archflow:source': source, ...(node ? {} : { 'archflow:source-base': 'architecture' }), ...(!node && s.build ? { 'archflow:build': { ...s.build } } : {}) };

      const env: Record<string, Cfn> = {};
      const userEnv = s.environment.value;
      for (const [k, v] of Object.entries(userEnv)) env[k] = typeof v === 'string' ? v : JSON.stringify(v);
      for (const e of ctx.out(fn.id)) {
        if (e.kind !== 'emit') continue;
        const name = ctx.envName(e.to);
        if (name in userEnv && userEnv[name] !== undefined) {
          ctx.problems.push({
            code: 'codegen/environment-clash', severity: 'warning', at: [...fn.pointer, 'environment', name], target: 'key',
            message: `Environment variable '${name}' is set by Archflow to the ${ctx.graph.nodes.get(e.to)!.kind} '${e.to}' this function emits to; your value is replaced.`,
          });
        }
        env[name] = ctx.envValue(e.to);
      }
      const sortedEnv = Object.fromEntries(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const ownRole = nonEmpty(s.role);
      const roleId = ownRole ? undefined : ctx.newId([fn.id, 'Role'], `role:${fn.id}`);
      const layers = s.layers.value.filter((l): l is string => typeof l === 'string');
      // Its own log group, kept `logRetention` days: the function logs there, and its role may write only there.
      const logGroupId = ctx.newId([id, 'LogGroup'], `log-group:${fn.id}`);
      t.add(logGroupId, 'AWS::Logs::LogGroup', {
        // Named by the function's identity: a rename with `previousName` keeps the group and its logs.
        LogGroupName: sub(`/aws/lambda/\${AWS::StackName}-${ctx.identity(fn.id)}`),
        RetentionInDays: s.logRetention.value,
      });
      t.add(id, 'AWS::Lambda::Function', {
        Description: fn.description || undefined,
        PackageType: image ? 'Image' : undefined,
        Runtime: image ? undefined : runtime,
        Handler: image ? undefined : node ? 'index.handler' : s.handler.value,
        Code: codeParameter ? { S3Bucket: ref('ArtifactBucket'), S3Key: ref(codeParameter) } : { ImageUri: s.image ?? '' },
        MemorySize: s.memory.value,
        Timeout: s.timeout.value,
        EphemeralStorage: { Size: s.tmp.value },
        Architectures: [s.architecture.value],
        Role: ownRole ?? getAtt(roleId!, 'Arn'),
        Environment: Object.keys(sortedEnv).length > 0 ? { Variables: sortedEnv } : undefined,
        Layers: layers.length > 0 && !image ? layers : undefined,
        ReservedConcurrentExecutions: s.reservedConcurrency,
        LoggingConfig: { LogGroup: ref(logGroupId) },
      }, Object.keys(metadata).length > 0 ? { Metadata: metadata } : {});
      t.output(`${id}Name`, { Description: `Name of function '${fn.id}'.`, Value: ref(id) });
      if (s.url?.auth) functionUrl(fn, id, s.url, t);

      if (!roleId) return;
      const statements: Obj[] = [{ Effect: 'Allow', Action: [...LOGS_ACTIONS], Resource: getAtt(logGroupId, 'Arn') }];
      if (s.policies) {
        // The user's own statements replace the generated least-privilege ones. A node's name becomes
        // the ARNs the statement's actions apply to (a bucket and/or its objects, a table and its
        // indexes, its stream); `name/path` a path under it; ARNs and `*` stay as written.
        for (const p of s.policies) {
          if (!p.complete) continue;
          const resources = p.resources.flatMap((r) => policyResourceArns(ctx.graph, r, p.actions).flatMap((x): Cfn[] => {
            if (x.node === undefined) return [x.text];
            if (!ctx.node(x.node) && !ctx.existing(x.node)) return [];
            // A stream's enhanced fan-out consumer exists only for a reader with `fanOut: true`.
            if (x.scope === 'consumer' && !(ctx.graph.outgoing.get(x.node) ?? []).some((e) => e.to === fn.id && e.mechanism === 'stream-mapping' && e.options.fanOut === true)) return [];
            return [ctx.arn(x.node, { scope: x.scope ?? 'resource', function: fn.id, ...(x.prefix !== undefined ? { prefix: x.prefix } : {}) })];
          }));
          if (resources.length > 0) statements.push({ Effect: p.effect, Action: [...p.actions], Resource: resources });
        }
      } else {
        t.executionRole(fn.id, statements);
      }
      t.add(roleId, 'AWS::IAM::Role', {
        Description: `Execution role of function '${fn.id}': logs plus exactly what its edges need.`,
        AssumeRolePolicyDocument: trust(PRINCIPALS.lambda),
        Policies: [{ PolicyName: 'archflow-least-privilege', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
      });
    },
    edge(edge, from, to, t) {
      // Its emits and invokes need only IAM (its role); its destinations are its invoke config's.
      if (edge.mechanism !== 'failure-destination' && edge.mechanism !== 'success-destination') return;
      const { ctx } = t;
      const fromId = ctx.id(from.id)!;
      const configId = ctx.newId([fromId, 'AsyncConfig'], `async:${from.id}`);
      const destination = { Destination: ctx.arn(to.id) };
      const existing = t.resource(configId);
      if (existing) {
        const config = existing.Properties.DestinationConfig as Obj;
        config[edge.mechanism === 'failure-destination' ? 'OnFailure' : 'OnSuccess'] = destination;
        return;
      }
      const a: Partial<AsyncSettings> = from.settings.async ?? {};
      t.add(configId, 'AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(fromId),
        Qualifier: '$LATEST',
        MaximumRetryAttempts: a.retries,
        MaximumEventAgeInSeconds: wholeSeconds(a.maxAge),
        DestinationConfig: edge.mechanism === 'failure-destination' ? { OnFailure: destination } : { OnSuccess: destination },
      });
    },
    finish(t) {
      // Functions with `async` settings but no failure destination still get their invoke config.
      const { ctx } = t;
      for (const fn of ctx.functions) {
        const a = fn.settings.async;
        const id = ctx.id(fn.id)!;
        const configId = ctx.newId([id, 'AsyncConfig'], `async:${fn.id}`);
        if (!a || t.resource(configId)) continue;
        t.add(configId, 'AWS::Lambda::EventInvokeConfig', {
          FunctionName: ref(id), Qualifier: '$LATEST', MaximumRetryAttempts: a.retries, MaximumEventAgeInSeconds: wholeSeconds(a.maxAge),
        });
      }
    },
  },
  diagram: {
    icons: {
      // λ
      function: { glyph: 'M7.5 4.5h2.8l6.7 15 M12.6 10.4 7.4 19.5', colour: '#d45b07', subtitle: 'Lambda function' },
    },
    // A function URL is an entry point: the subtitle says so, and whether anyone may call it.
    subtitle: (fn) => `Lambda · ${fn.settings.runtime.value}${fn.settings.url?.auth ? ` · URL ${fn.settings.url.auth === 'none' ? 'public' : 'IAM'}` : ''}`,
    settings(fn) {
      const s = fn.settings;
      return shown([
        ['runtime', s.runtime.value],
        ['memory', `${n(s.memory.value)} MB`],
        ['timeout', formatSeconds(s.timeout.value)],
        ['architecture', s.architecture.value],
        ['reserved concurrency', s.reservedConcurrency === undefined ? undefined : n(s.reservedConcurrency)],
        ['/tmp', s.tmp.at ? `${n(s.tmp.value)} MB` : undefined],
        ['function URL', s.url?.auth ? `auth ${s.url.auth}${s.url.invokeMode === 'RESPONSE_STREAM' ? ', streamed' : ''}` : undefined],
      ]);
    },
  },
  events: {
    delivered(edge, _from, p) {
      // A queue, topic or bus that is a destination carries Lambda's invocation records.
      if (edge.mechanism === 'success-destination' || edge.mechanism === 'failure-destination') return ['InvocationRecord'];
      if (edge.mechanism !== 'emit') return ['unknown'];
      const ev = edge.event ? p.ctx.graph.events.get(edge.event) : undefined;
      return [ev ? p.eventType(ev.name) : 'unknown'];
    },
    deliveredEvents(edge, _from, p) {
      const ev = edge.mechanism === 'emit' && edge.event ? p.ctx.graph.events.get(edge.event) : undefined;
      return ev ? [ev] : [];
    },
    deliveredSample(edge, _from, s) {
      const ev = edge.mechanism === 'emit' && edge.event ? s.ctx.graph.events.get(edge.event) : undefined;
      return ev ? sampleFromSchema(ev.schema ?? {}) : {};
    },
    trigger(edge, _from, p, label) {
      // A function it invokes gets what it sends (the catalog event named, else unknown); its
      // destinations get an invocation record.
      if (edge.mechanism === 'invoke') {
        const ev = edge.event ? p.ctx.graph.events.get(edge.event) : undefined;
        const async = edge.options.invocation === 'async';
        return {
          shape: 'invoke', eventType: ev ? p.eventType(ev.name) : 'unknown', resultType: async ? 'void' : 'unknown', events: ev ? [ev] : [],
          label: `${async ? 'asynchronous' : 'synchronous'} invocations by ${label}`,
        };
      }
      if (edge.mechanism === 'success-destination') return { shape: 'destination', eventType: 'InvocationRecord', resultType: 'void', events: [], label: `successful invocations of ${label}` };
      if (edge.mechanism === 'failure-destination') return { shape: 'destination', eventType: 'InvocationRecord', resultType: 'void', events: [], label: `failed invocations of ${label}` };
      return undefined;
    },
    sample(t) {
      if (t.edge.mechanism === 'invoke') return t.events[0] ? sampleFromSchema(t.events[0].schema ?? {}) : { example: true };
      const success = t.edge.mechanism === 'success-destination';
      return {
        version: '1.0', timestamp: TIME,
        requestContext: {
          requestId: 'e4b46cbf-b738-xmpl-8880-a18cdf61200e', functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${t.source.id}:$LATEST`,
          condition: success ? 'Success' : 'RetriesExhausted', approximateInvokeCount: success ? 1 : 3,
        },
        requestPayload: {},
        responseContext: success ? { statusCode: 200, executedVersion: '$LATEST' } : { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: {},
      };
    },
  },
  emit: {
    emitters(edge, target, e) {
      // Invoking another function: synchronously (its result comes back) or asynchronously (Lambda queues the event).
      const async = edge.options.invocation === 'async';
      const what = e.event ? e.event.name : 'a payload';
      return [{
        base: `invoke${e.T}${async ? 'Async' : ''}`, helper: 'invoke', params: `payload: ${e.messageType}`,
        call: `invoke(${e.env}, payload, ${async ? "'Event'" : "'RequestResponse'"})`, returns: async ? 'Promise<void>' : 'Promise<unknown>',
        doc: async
          ? `Invokes function '${target.id}' asynchronously with ${what} (name in ${e.envName}): Lambda queues the event and retries it; the call returns once it is queued.`
          : `Invokes function '${target.id}' synchronously with ${what} (name in ${e.envName}) and returns its result (JSON); throws when it fails.`,
      }];
    },
  },
  import: {
    types: ['AWS::Serverless::Function', 'AWS::Lambda::Function'],
    settings: importFunction,
    defaults: defaultsFromGlobals,
    // A function allowed to invoke another (a statement, or SAM's LambdaInvokePolicy) invokes it: `emits`.
    grants: {
      service: 'lambda', write: ['invokefunction'],
      templates: { LambdaInvokePolicy: { arg: 'FunctionName', access: ['write'] } },
    },
    edges(node, out) {
      if (Object.keys(node.async).length > 0) out.async = node.async;
      if (node.emits.size > 0) out.emits = [...node.emits.values()].map((e) => (Object.keys(e).length === 1 ? e.to : e));
    },
  },
  editor: {
    snippet: () => ({
      block: ['${1:handler}:', '  timeout: ${2:10}', '  memory: ${3:256}'],
      flow: '${1:handler}: { timeout: ${2:10}, memory: ${3:256} }',
      doc: 'A Lambda function.',
    }),
    hover(fn) {
      const s = fn.settings;
      const mark = (x: { at?: readonly unknown[] }): string => (x.at ? '' : ' (default)');
      return [
        `runtime ${inlineCode(s.runtime.value)}${mark(s.runtime)}`, `memory ${s.memory.value} MB${mark(s.memory)}`, `timeout ${s.timeout.value} s${mark(s.timeout)}`,
        ...(s.architecture.at ? [`architecture ${inlineCode(s.architecture.value)}`] : []),
        ...(s.url?.auth ? [`function URL auth ${inlineCode(s.url.auth)}`] : []),
      ];
    },
    entrances: (fn) => (fn.settings.url ? [`- ← HTTPS callers through its function URL (${fn.settings.url.auth === 'none' ? 'public: auth `none`' : 'signed requests: auth `iam`'})`] : []),
  },
  simulate: functionSimulation,
};
