/**
 * Kind `function`: a Lambda function (consumer). Its settings are the effective ones (own value over
 * `defaults` over the AWS default, each with where it was written); it emits to routers and stores.
 */
import { getAtt, nonEmpty, ref, sub, trust, wholeSeconds, type Cfn } from '../codegen/cfn';
import { ACCOUNT, REGION, TIME } from '../codegen/sample-events';
import { sampleFromSchema } from '../eventbridge/pattern';
import { LOGS_ACTIONS, PRINCIPALS } from '../model/edge-permissions';
import type { Pointer } from '../span';
import { formatSeconds, n, toSeconds } from '../util/duration';
import { isObj, type Obj } from '../util/value';
import type { Draft, DraftNode } from '../import/draft';
import { noteRest, put as putProp, resolveTarget } from '../import/helpers';
import { asList, type Resource } from '../import/template';
import type { KindModule, ReferenceSlot, SettingsInput } from './kind';
import { inlineCode, list, num, put, seconds, shown, text, type Mutable } from './read';

/** True for the runtimes whose code Archflow generates and bundles (Node.js). */
export const isNodeRuntime = (runtime: string): boolean => /^nodejs/.test(runtime);

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

/** The settings of a function: the effective shared ones and its own. */
export interface FunctionConfig extends FunctionSettings {
  /** The code folder of a function whose code Archflow does not generate, when written. */
  readonly code?: string;
  /** An existing execution role's ARN, when written. */
  readonly role?: string;
  /** The function's own IAM statements, when `policies` is a list (they replace the generated ones). */
  readonly policies?: readonly PolicyStatement[];
  readonly reservedConcurrency?: number;
  /** Present when `async` is a map. */
  readonly async?: AsyncSettings;
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
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Reads a function's declaration (with the document's `defaults`). */
export function functionConfig(c: Obj, input: SettingsInput): FunctionConfig {
  const s: Mutable<FunctionConfig> = functionSettings(input.name, c, input.defaults);
  put(s, 'code', text(c.code));
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
  return s;
}

const EMITS = { at: /^emits\/#(\/to)?$/, names: ['queue', 'topic', 'event-bus', 'stream', 'bucket', 'table'] } as const satisfies ReferenceSlot;
const EMITTED_EVENT = { at: /^emits\/#\/event$/, names: 'event' } as const satisfies ReferenceSlot;
const ON_FAILURE = { at: /^async\/onFailure$/, names: ['queue', 'topic', 'event-bus', 'function'] } as const satisfies ReferenceSlot;
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
  'FunctionName', 'Connectors',
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
  if (isObj(dest.OnSuccess)) d.notes.notCarriedOver('EventInvokeConfig.OnSuccess', fn.key);
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
    slots: [EMITS, EMITTED_EVENT, ON_FAILURE, POLICY_RESOURCE],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      list(c.emits).forEach((e, i) => {
        const at = p.concat('emits', i);
        const ref = l.ref(e, at, { nameKey: 'to' });
        const event = isObj(e) ? l.event(e.event, at.concat('event')) : undefined;
        l.edge(node, ref, EMITS.names, 'emit', 'emit', `what function '${node.id}' emits to`, event ? { event } : {});
      });
      if (isObj(c.async)) {
        l.edge(node, l.ref(c.async.onFailure, p.concat('async', 'onFailure')), ON_FAILURE.names, 'on-failure', 'failure-destination', `the on-failure destination of ${l.subject(node)}`);
      }
    },
  },
  cloudformation: {
    suffix: 'Function',
    order: 0,
    resources(fn, t) {
      const { ctx } = t;
      const id = ctx.id(fn.id)!;
      const s = fn.settings;
      const runtime = s.runtime.value;
      const node = isNodeRuntime(runtime);
      const codeParameter = ctx.newId([id, 'CodeKey'], `code-key:${fn.id}`);
      t.parameter(codeParameter, { Type: 'String', Default: `functions/${fn.id}.zip`, Description: `S3 key of the package of function '${fn.id}' in ArtifactBucket.` });
      const source = node ? `dist/${fn.id}` : nonEmpty(s.code) ?? `functions/${fn.id}`;
      t.deployment({ name: fn.id, logicalId: id, runtime, codeParameter, source });

      const env: Record<string, Cfn> = {};
      const userEnv = s.environment.value;
      for (const [k, v] of Object.entries(userEnv)) env[k] = typeof v === 'string' ? v : JSON.stringify(v);
      for (const e of ctx.out(fn.id)) {
        if (e.mechanism !== 'emit') continue;
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
      t.add(id, 'AWS::Lambda::Function', {
        Description: fn.description || undefined,
        Runtime: runtime,
        Handler: node ? 'index.handler' : s.handler.value,
        Code: { S3Bucket: ref('ArtifactBucket'), S3Key: ref(codeParameter) },
        MemorySize: s.memory.value,
        Timeout: s.timeout.value,
        EphemeralStorage: { Size: s.tmp.value },
        Architectures: [s.architecture.value],
        Role: ownRole ?? getAtt(roleId!, 'Arn'),
        Environment: Object.keys(sortedEnv).length > 0 ? { Variables: sortedEnv } : undefined,
        Layers: layers.length > 0 ? layers : undefined,
        ReservedConcurrentExecutions: s.reservedConcurrency,
      }, { Metadata: { 'archflow:source': source } });
      t.output(`${id}Name`, { Description: `Name of function '${fn.id}'.`, Value: ref(id) });

      if (!roleId) return;
      const statements: Obj[] = [{
        Effect: 'Allow',
        Action: [...LOGS_ACTIONS],
        Resource: sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/*'),
      }];
      if (s.policies) {
        // The user's own statements replace the generated least-privilege ones.
        for (const p of s.policies) {
          if (!p.complete) continue;
          statements.push({ Effect: p.effect, Action: [...p.actions], Resource: p.resources.map((r) => (ctx.node(r) ? ctx.arn(r) : r)) });
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
      // Its emits need only IAM (its role); its on-failure destination is an invoke config.
      if (edge.mechanism !== 'failure-destination') return;
      const { ctx } = t;
      const fromId = ctx.id(from.id)!;
      const a: Partial<AsyncSettings> = from.settings.async ?? {};
      t.add(ctx.newId([fromId, 'AsyncConfig'], `async:${from.id}`), 'AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(fromId),
        Qualifier: '$LATEST',
        MaximumRetryAttempts: a.retries,
        MaximumEventAgeInSeconds: wholeSeconds(a.maxAge),
        DestinationConfig: { OnFailure: { Destination: ctx.arn(to.id) } },
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
    subtitle: (fn) => `Lambda · ${fn.settings.runtime.value}`,
    settings(fn) {
      const s = fn.settings;
      return shown([
        ['runtime', s.runtime.value],
        ['memory', `${n(s.memory.value)} MB`],
        ['timeout', formatSeconds(s.timeout.value)],
        ['architecture', s.architecture.value],
        ['reserved concurrency', s.reservedConcurrency === undefined ? undefined : n(s.reservedConcurrency)],
        ['/tmp', s.tmp.at ? `${n(s.tmp.value)} MB` : undefined],
      ]);
    },
  },
  events: {
    delivered(edge, _from, p) {
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
    trigger(edge, _from, _p, label) {
      // Its on-failure destination gets an invocation record.
      if (edge.mechanism !== 'failure-destination') return undefined;
      return { shape: 'destination', eventType: 'InvocationRecord', resultType: 'void', events: [], label: `failed invocations of ${label}` };
    },
    sample: (t) => ({
      version: '1.0', timestamp: TIME,
      requestContext: { requestId: 'e4b46cbf-b738-xmpl-8880-a18cdf61200e', functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${t.source.id}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: {}, responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' }, responsePayload: {},
    }),
  },
  import: {
    types: ['AWS::Serverless::Function', 'AWS::Lambda::Function'],
    settings: importFunction,
    defaults: defaultsFromGlobals,
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
      ];
    },
  },
};
