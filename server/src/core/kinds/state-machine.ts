/**
 * Kind `state-machine`: a Step Functions state machine (router), Standard or Express. Its definition
 * is Amazon States Language, inline or in a file next to the architecture (read through the host's
 * file port). Its Task states call the nodes its `substitutions` name (`${Charge}` in the definition →
 * `Charge: charge`): each is a `task` edge whose IAM is the state machine's role. Rules, schedules,
 * pipes, API routes, functions and other state machines start its executions (`reachedBy`).
 */
import { parse as parseYaml } from 'yaml';
import { formatSeconds, n } from '../util/duration';
import { isObj, type Obj } from '../util/value';
import { getAtt, ref, sub, type Cfn } from '../codegen/cfn';
import { ACCOUNT, REGION } from '../codegen/sample-events';
import type { Draft, DraftNode } from '../import/draft';
import { noteRest, put as putProp } from '../import/helpers';
import { intrinsicName, type Resource } from '../import/template';
import { isNestedSync, PRINCIPALS } from '../model/edge-permissions';
import type { Pointer } from '../span';
import { readDefinition, type DefinitionFacts } from '../stepfunctions/definition';
import type { KindModule, ReferenceSlot, SettingsInput } from './kind';
import { asWritten, shown, type Mutable } from './read';

/** Logging levels of a state machine (`LoggingConfiguration.Level`). */
export type LogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

/** The settings of a state machine. */
export interface StateMachineSettings {
  /** `standard` (the default: long-running, exactly once) or `express` (short, at least once). */
  readonly flavor: 'standard' | 'express';
  /** Where `definition` is written (problems of a file's definition are reported here). */
  readonly definitionAt: Pointer;
  /** The file `definition` names, relative to the architecture file. */
  readonly definitionFile?: string;
  /** The definition: written inline, or read from its file. */
  readonly definition?: Obj;
  /** True when the definition is written inline (its problems have exact places). */
  readonly inline: boolean;
  /** Why the definition file could not be read or parsed. */
  readonly fileProblem?: string;
  /** What the definition says: its Task states, placeholders, timeout. */
  readonly facts?: DefinitionFacts;
  /** `${placeholder}` → the node it names (`substitutions: { Charge: charge }`), in the order written. */
  readonly substitutions: ReadonlyMap<string, string>;
  /** `${placeholder}` → a literal value (`substitutions: { Stage: { value: prod } }`). */
  readonly literals: ReadonlyMap<string, string>;
  /** Logging level; default `ALL` for Express (its executions are seen only in its logs), `OFF` for Standard. */
  readonly logging: LogLevel;
  /** X-Ray tracing (`tracing: true`). */
  readonly tracing: boolean;
}

const LEVELS: readonly LogLevel[] = ['ALL', 'ERROR', 'FATAL', 'OFF'];

/** What a task's placeholder may name: the services Task states call. */
const TASK_TARGET = {
  at: /^substitutions\/[^/]+$/,
  names: ['function', 'queue', 'topic', 'event-bus', 'stream', 'table', 'bucket', 'state-machine'],
  mechanism: 'task',
} as const satisfies ReferenceSlot;

/** Reads the definition file (`.json`, or `.yaml` / `.yml`); a problem when it cannot be read or is not a map. */
function readFile(path: string, input: SettingsInput): { definition?: Obj; problem?: string } {
  if (!input.files) return {};
  const read = input.files.read(path);
  if ('problem' in read) return { problem: read.problem };
  try {
    const value: unknown = /\.ya?ml$/i.test(path) ? parseYaml(read.text, { maxAliasCount: 100 }) : JSON.parse(read.text);
    return isObj(value) ? { definition: value } : { problem: 'it does not hold a JSON object (a definition has `StartAt` and `States`)' };
  } catch (err) {
    return { problem: `it is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'} (${((err as Error)?.message ?? String(err)).split('\n')[0]})` };
  }
}

/** Reads a state machine's declaration. */
export function stateMachineSettings(c: Obj, input: SettingsInput): StateMachineSettings {
  const flavor = c.flavor === 'express' ? 'express' : 'standard';
  const logging = LEVELS.includes(c.logging as LogLevel) ? (c.logging as LogLevel) : flavor === 'express' ? 'ALL' : 'OFF';
  const substitutions = new Map<string, string>();
  const literals = new Map<string, string>();
  if (isObj(c.substitutions)) {
    for (const [k, v] of Object.entries(c.substitutions)) {
      if (typeof v === 'string' && v) substitutions.set(k, v);
      else if (isObj(v) && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean')) literals.set(k, String(v.value));
    }
  }
  const s: Mutable<StateMachineSettings> = {
    flavor, definitionAt: input.pointer.concat('definition'), inline: isObj(c.definition), substitutions, literals, logging, tracing: c.tracing === true,
  };
  if (isObj(c.definition)) s.definition = c.definition;
  else if (typeof c.definition === 'string' && c.definition) {
    s.definitionFile = c.definition;
    const read = readFile(c.definition, input);
    if (read.definition) s.definition = read.definition;
    if (read.problem) s.fileProblem = read.problem;
  }
  if (s.definition) s.facts = readDefinition(s.definition);
  return s;
}

/** A definition to deploy when the real one could not be read: it fails at once, saying why. */
function missingDefinition(node: { readonly id: string }, why: string): Obj {
  return {
    Comment: `The definition of '${node.id}' could not be read when this template was generated: ${why}.`,
    StartAt: 'DefinitionMissing',
    States: { DefinitionMissing: { Type: 'Fail', Error: 'Archflow.DefinitionMissing', Cause: why.slice(0, 256) } },
  };
}

/** The sample ARN of a state machine. */
const sampleArn = (name: string): string => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

/** The `state-machine` kind. */
export const stateMachine: KindModule<'state-machine', StateMachineSettings> = {
  kind: 'state-machine',
  label: 'state machine',
  sections: ['routers'],
  aliases: ['step-functions', 'stepfunctions', 'sfn', 'states', 'workflow', 'aws::stepfunctions::statemachine', 'aws::serverless::statemachine'],
  targetKey: 'stateMachine',
  reachedBy: ['rule', 'schedule', 'emit', 'route', 'pipe', 'enrichment', 'task'],
  settings: stateMachineSettings,
  references: {
    slots: [TASK_TARGET],
    link(node, l) {
      const subs = node.config.substitutions;
      if (!isObj(subs)) return;
      for (const key of Object.keys(subs)) {
        const at = node.pointer.concat('substitutions', key);
        if (typeof subs[key] !== 'string') continue;
        l.edge(node, l.ref(subs[key], at, TASK_TARGET.names), TASK_TARGET.names, 'trigger', 'task', `what \${${key}} of ${l.subject(node)} names`);
      }
    },
  },
  cloudformation: {
    suffix: 'StateMachine',
    // Its executions (what a `.sync` nested execution describes and stops): `arn:…:execution:<name>:*`.
    arn: (_node, id, _ctx, p) => (p.scope === 'executions' ? sub(`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:\${${id}.Name}:*`) : ref(id)),
    env: { word: 'STATE_MACHINE', holds: 'ARN', value: (_node, id) => ref(id) },
    resources(node, t) {
      const { ctx } = t;
      const id = ctx.id(node.id)!;
      const s = node.settings;
      const logged = s.logging !== 'OFF';
      // Waiting for a nested execution (`startExecution.sync`) goes through the rule Step Functions manages.
      const nestedSync = (s.facts?.tasks ?? []).some((task) => isNestedSync(task.integration));
      const role = t.serviceRole(id, PRINCIPALS.states, [...(logged ? ['log-delivery' as const] : []), ...(nestedSync ? ['nested-sync' as const] : [])]);
      let logGroup: string | undefined;
      if (logged) {
        logGroup = ctx.newId([id, 'Logs'], `logs:${node.id}`);
        t.add(logGroup, 'AWS::Logs::LogGroup', { LogGroupName: sub(`/aws/vendedlogs/states/\${AWS::StackName}-${node.id}`), RetentionInDays: 30 });
      }
      let definition = s.definition;
      if (!definition) {
        const why = s.fileProblem !== undefined ? `${s.definitionFile} cannot be read: ${s.fileProblem}` : s.definitionFile !== undefined ? `${s.definitionFile} was not read` : 'no definition is written';
        ctx.problems.push({ code: 'codegen/state-machine-definition', severity: 'warning', at: s.definitionAt, message: `State machine '${node.id}' is generated with a definition that fails at once: ${why}.` });
        definition = missingDefinition(node, why);
      }
      const substitutions: Record<string, Cfn> = {};
      for (const [key, value] of s.literals) substitutions[key] = value;
      for (const [key, name] of s.substitutions) {
        const target = ctx.node(name);
        if (!target) continue;
        // What a Task state's parameters take: a function's ARN, a queue's URL, a bus's name, a table's name, …
        substitutions[key] = target.kind === 'function' ? ctx.arn(name) : ctx.envValue(name);
      }
      const unresolved = [...(s.facts?.placeholders.keys() ?? [])].filter((p) => substitutions[p] === undefined && !p.startsWith('AWS::'));
      if (unresolved.length > 0) {
        ctx.problems.push({
          code: 'codegen/state-machine-substitution', severity: 'warning', at: s.definitionAt,
          message: `State machine '${node.id}': ${unresolved.map((p) => `\${${p}}`).join(', ')} ${unresolved.length === 1 ? 'is' : 'are'} not replaced in the generated definition (not in \`substitutions\`, or naming a node that is not generated).`,
        });
      }
      t.add(id, 'AWS::StepFunctions::StateMachine', {
        StateMachineType: s.flavor === 'express' ? 'EXPRESS' : 'STANDARD',
        DefinitionString: JSON.stringify(definition, null, 2),
        DefinitionSubstitutions: Object.keys(substitutions).length > 0 ? substitutions : undefined,
        RoleArn: getAtt(role, 'Arn'),
        LoggingConfiguration: logGroup
          ? { Level: s.logging, IncludeExecutionData: s.logging === 'ALL', Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: getAtt(logGroup, 'Arn') } }] }
          : undefined,
        TracingConfiguration: s.tracing ? { Enabled: true } : undefined,
      });
      t.output(`${id}Arn`, { Description: `ARN of state machine '${node.id}'.`, Value: ref(id) });
    },
    edge(edge, from, _to, t) {
      // A Task state's call: the state machine's role may make it.
      if (edge.mechanism === 'task') t.grantServiceRole(edge, t.ctx.id(from.id)!);
    },
    apiIntegration(_edge, node, t) {
      // Express workflows answer the request (StartSyncExecution); Standard ones start and return the execution's ARN.
      const sync = node.settings.flavor === 'express';
      return { subtype: sync ? 'StepFunctions-StartSyncExecution' : 'StepFunctions-StartExecution', parameters: { StateMachineArn: ref(t.ctx.id(node.id)!), Input: '$request.body' } };
    },
  },
  diagram: {
    icons: {
      // A flow: a start, two branches, an end.
      'state-machine': { glyph: 'M9.5 3.5h5v4h-5z M4 16.5h5v4H4z M15 16.5h5v4h-5z M12 7.5V12 M6.5 16.5V12h11v4.5', colour: '#cd2264', subtitle: 'Step Functions' },
      // The same flow with a spark: an Express workflow.
      'express-state-machine': { glyph: 'M9.5 3.5h5v4h-5z M4 16.5h5v4H4z M12 7.5V12 M6.5 16.5V12h5 M17.5 12.5l-2.5 4h3l-2.5 4', colour: '#b01e59', subtitle: 'Step Functions Express' },
    },
    icon: (node) => (node.settings.flavor === 'express' ? 'express-state-machine' : 'state-machine'),
    subtitle: (node) => (node.settings.flavor === 'express' ? 'Step Functions Express' : 'Step Functions Standard'),
    settings(node) {
      const s = node.settings;
      const f = s.facts;
      return shown([
        ['flavor', s.flavor],
        ['definition', s.definitionFile ?? (s.inline ? 'inline' : undefined)],
        ['states', f ? `${n(f.states)} (${n(f.tasks.length)} task${f.tasks.length === 1 ? '' : 's'})` : undefined],
        ['timeout', f?.timeout !== undefined ? formatSeconds(f.timeout) : undefined],
        ['logging', s.logging === 'OFF' ? undefined : s.logging],
      ]);
    },
  },
  events: {
    trigger(edge, source, p, label) {
      if (edge.mechanism !== 'task') return undefined;
      // A Task state hands the function its input (`Payload.$: $`): what the executions start with.
      const types = p.carried(source.id, new Set());
      return {
        shape: 'task', eventType: types.includes('unknown') ? 'Record<string, unknown>' : types.join(' | '), resultType: 'unknown',
        events: p.carriedEvents(source.id, new Set()), label,
      };
    },
    sample(t, s) {
      const payload = s.payload(t.source, 0);
      // The Step Functions console's default input, when nothing known starts the executions.
      return isObj(payload) && Object.keys(payload).length > 0 ? payload : { Comment: `An execution of ${sampleArn(t.source.id)}` };
    },
  },
  emit: {
    emitters(_edge, target, e) {
      return [{
        base: `start${e.E}${e.T}`, helper: 'startExecution', params: `input: ${e.messageType}`, call: `startExecution(${e.env}, input)`, returns: 'Promise<string>',
        doc: `Starts an execution of state machine '${target.id}' (ARN in ${e.envName}) with ${e.event ? e.event.name : 'an input'}; returns the execution's ARN.`,
      }];
    },
  },
  import: {
    types: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'],
    settings(d, r, node) {
      importSettings(d, r, node);
    },
    connect(_d, from, to) {
      // What a definition names is read with its settings; an edge from elsewhere (a wiring pass) is a substitution.
      if (!Object.values(substitutionsOf(from)).includes(to.name)) substitutionsOf(from)[uniqueKey(from, to.name)] = to.name;
      to.incoming++;
      return true;
    },
    edges(node, out) {
      const subs = substitutionsOf(node);
      if (Object.keys(subs).length > 0) out.substitutions = subs;
    },
    grants: {
      service: 'states', write: ['startexecution', 'startsyncexecution'],
      templates: { StepFunctionsExecutionPolicy: { arg: 'StateMachineName', access: ['write'] } },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: [
        '${1:fulfil}:', '  type: state-machine', '  flavor: ${2|standard,express|}', '  definition:', '    StartAt: Work', '    States:',
        '      Work:', '        Type: Task', '        Resource: arn:aws:states:::lambda:invoke',
        '        Parameters: { FunctionName: "\\${Worker}", Payload.$: $ }', '        End: true',
        '  substitutions:', `    Worker: ${fn(3)}`,
      ],
      flow: `\${1:fulfil}: { type: state-machine, flavor: \${2|standard,express|}, definition: \${3:./fulfil.asl.json} }`,
      doc: 'A Step Functions state machine whose Task state invokes a function.',
    }),
    symbol: 'Class',
    hover: (node) => [
      ...asWritten(node.config, ['flavor', 'logging']),
      ...(node.settings.definitionFile ? [`definition \`${node.settings.definitionFile}\``] : []),
      ...(node.settings.facts ? [`${node.settings.facts.states} state(s), ${node.settings.facts.tasks.length} task(s)`] : []),
    ],
  },
};

/** The substitutions of an imported state machine (placeholder → node name, or `{ value }`), in order. */
function substitutionsOf(node: DraftNode): Obj {
  const own = node.own;
  if (!isObj(own.substitutions)) own.substitutions = {};
  return own.substitutions as Obj;
}

/** A substitution key for a node, unique in the state machine. */
function uniqueKey(node: DraftNode, name: string): string {
  const base = name.replace(/[^A-Za-z0-9_]/g, '_');
  const subs = substitutionsOf(node);
  let key = base;
  for (let i = 2; subs[key] !== undefined; i++) key = `${base}${i}`;
  return key;
}

/**
 * A definition with CloudFormation intrinsics in it (`!GetAtt Charge.Arn`, `!Sub '${Queue}'`): each
 * reference to a resource of the template becomes a `${placeholder}` naming its node.
 */
function withPlaceholders(d: Draft, node: DraftNode, v: unknown, depth = 0): unknown {
  if (depth > 64) return undefined;
  if (Array.isArray(v)) return v.map((x) => withPlaceholders(d, node, x, depth + 1));
  if (intrinsicName(v)) {
    const r = d.t.target(v);
    const target = r ? d.get(r.id) : undefined;
    if (target && target !== node) return `\${${placeholderFor(node, target)}}`;
    return d.t.render(v);
  }
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withPlaceholders(d, node, x, depth + 1)]));
  return v;
}

/** The placeholder naming `target` in `node`'s definition (added to its substitutions). */
function placeholderFor(node: DraftNode, target: DraftNode): string {
  const subs = substitutionsOf(node);
  for (const [k, v] of Object.entries(subs)) if (v === target.name) return k;
  const key = uniqueKey(node, target.name);
  subs[key] = target.name;
  target.incoming++;
  return key;
}

/** `${Queue.Arn}`, `${Queue}` in a `Fn::Sub` definition string → `${placeholder}` of the queue's node. */
function subString(d: Draft, node: DraftNode, s: string): string {
  return s.replace(/\$\{([^}!]+)\}/g, (m, ref: string) => {
    const id = ref.split('.')[0]!;
    const r = d.t.resources.get(id);
    const target = r ? d.get(r.id) : undefined;
    return target && target !== node ? `\${${placeholderFor(node, target)}}` : m;
  });
}

/** A state machine's settings from `AWS::StepFunctions::StateMachine` or `AWS::Serverless::StateMachine`. */
function importSettings(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const p = r.properties;
  const o = node.props;
  const sam = r.type === 'AWS::Serverless::StateMachine';
  putProp(o, 'description', t.str(p.Description) ?? t.str(p.Comment));
  const type = t.str(sam ? p.Type : p.StateMachineType);
  if (type?.toUpperCase() === 'EXPRESS') o.flavor = 'express';
  // Substitutions first: the definition's placeholders name them.
  const subs = isObj(p.DefinitionSubstitutions) ? p.DefinitionSubstitutions : {};
  for (const [key, value] of Object.entries(subs)) {
    const res = t.target(value);
    const target = res ? d.get(res.id) : undefined;
    if (target && target !== node) {
      substitutionsOf(node)[key] = target.name;
      target.incoming++;
    } else {
      const v = t.render(value);
      substitutionsOf(node)[key] = { value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v) };
    }
  }
  let definition: unknown;
  if (isObj(p.Definition)) definition = withPlaceholders(d, node, p.Definition);
  else if (p.DefinitionString !== undefined) {
    const raw = p.DefinitionString;
    const fn = intrinsicName(raw);
    const sub = fn === 'Fn::Sub' && isObj(raw) ? raw['Fn::Sub'] : undefined;
    const text = typeof raw === 'string' ? raw : typeof sub === 'string' ? subString(d, node, sub) : t.canonical(raw);
    if (typeof text === 'string') {
      try {
        definition = JSON.parse(typeof sub === 'string' ? text : subString(d, node, text));
      } catch {
        d.notes.add(`The DefinitionString of ${r.id} is not JSON once read; it was not carried over.`);
      }
    } else d.notes.add(`The DefinitionString of ${r.id} could not be read (${fn ?? 'a value'} Archflow cannot evaluate); it was not carried over.`);
  } else if (typeof p.DefinitionUri === 'string' || typeof p.DefinitionUri === 'undefined') {
    const uri = t.str(p.DefinitionUri);
    if (uri) o.definition = d.path(uri);
  }
  if (p.DefinitionUri !== undefined && typeof t.str(p.DefinitionUri) !== 'string') d.notes.add(`The definition of ${r.id} is in S3 (DefinitionUri); it was not carried over.`);
  if (p.DefinitionS3Location !== undefined) d.notes.add(`The definition of ${r.id} is in S3 (DefinitionS3Location); it was not carried over.`);
  if (isObj(definition)) o.definition = definition;
  if (p.Definition === undefined && p.DefinitionString === undefined && p.DefinitionUri === undefined && p.DefinitionS3Location === undefined) {
    d.notes.add(`State machine ${r.id} has no definition in the template: write one (\`definition\`) before generating.`);
  }
  const logging = isObj(sam ? p.Logging : p.LoggingConfiguration) ? (sam ? p.Logging : p.LoggingConfiguration) as Obj : undefined;
  const level = logging ? t.str(logging.Level) : undefined;
  if (level && LEVELS.includes(level as LogLevel)) o.logging = level;
  else if (o.flavor === 'express') o.logging = 'OFF';
  const tracing = sam ? p.Tracing : p.TracingConfiguration;
  if (isObj(tracing) && t.bool(tracing.Enabled) === true) o.tracing = true;
  noteRest(d, r, p, [
    'Type', 'StateMachineType', 'Definition', 'DefinitionString', 'DefinitionUri', 'DefinitionSubstitutions', 'Logging', 'LoggingConfiguration',
    'Tracing', 'TracingConfiguration', 'Role', 'RoleArn', 'Policies', 'Events', 'Name', 'StateMachineName', 'Description', 'Comment', 'PermissionsBoundary', 'Tags',
  ]);
}
