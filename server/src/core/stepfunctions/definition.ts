/**
 * What Archflow reads from an Amazon States Language definition: its Task states and the services
 * they call, the `${placeholder}`s it uses (CloudFormation `DefinitionSubstitutions`), its timeout and
 * its Wait states. Validation against the language itself is `validate.ts` (asl-validator).
 */
import type { Pointer } from '../span';
import { isObj, type Obj } from '../util/value';

/** How a Task state waits for the service it calls (Step Functions "service integration patterns"). */
export type IntegrationPattern = 'request' | 'sync' | 'callback';

/**
 * The service API a Task state calls: `lambda:invoke`, `sqs:sendMessage`, an AWS SDK integration
 * (`aws-sdk:dynamodb:putItem`), or a function ARN given as the resource itself (`lambda` / `invoke`).
 */
export interface Integration {
  /** The service as Step Functions names it (`lambda`, `sqs`, `sns`, `events`, `states`, `dynamodb`, an SDK service name). */
  readonly service: string;
  /** The API action as written (`invoke`, `sendMessage`, `putEvents`). */
  readonly action: string;
  readonly pattern: IntegrationPattern;
  /** True for `arn:aws:states:::aws-sdk:<service>:<action>`. */
  readonly sdk: boolean;
}

/** A Task state. */
export interface TaskState {
  readonly name: string;
  /** Where it is, inside the definition (`['States', 'Charge']`, `['States', 'Fan', 'Branches', 0, 'States', 'A']`). */
  readonly pointer: Pointer;
  /** `Resource` as written. */
  readonly resource: string;
  readonly integration?: Integration;
  /** The `${placeholder}`s its Resource, Parameters and Arguments use, in the order met. */
  readonly placeholders: readonly string[];
  /** `TimeoutSeconds`, when a number. */
  readonly timeout?: number;
}

/** A Wait state with a fixed `Seconds`. */
export interface WaitState {
  readonly name: string;
  readonly pointer: Pointer;
  readonly seconds: number;
}

/** What a definition says, for the graph, the rules and code generation. */
export interface DefinitionFacts {
  /** Number of states, nested ones included. */
  readonly states: number;
  readonly tasks: readonly TaskState[];
  readonly waits: readonly WaitState[];
  /** The state machine's own `TimeoutSeconds`, when a number. */
  readonly timeout?: number;
  /** Every `${placeholder}` the definition uses, with where it is first used. */
  readonly placeholders: ReadonlyMap<string, Pointer>;
}

const PLACEHOLDER = /\$\{([^}\s]+)\}/g;

/**
 * `arn:aws:states:::sqs:sendMessage.waitForTaskToken` → sqs / sendMessage / callback;
 * `arn:aws:states:::aws-sdk:dynamodb:putItem` → dynamodb / putItem (SDK); a Lambda function ARN (or a
 * `${placeholder}`, which names a function when it stands alone) → lambda / invoke.
 */
export function parseIntegration(resource: string): Integration | undefined {
  const m = /^arn:[a-z-]+:states:::(aws-sdk:)?([a-zA-Z0-9-]+):([a-zA-Z0-9]+)(?:\.(sync(?::\d+)?|waitForTaskToken))?$/.exec(resource);
  if (m) {
    const pattern: IntegrationPattern = m[4] === undefined ? 'request' : m[4] === 'waitForTaskToken' ? 'callback' : 'sync';
    return { service: m[2]!, action: m[3]!, pattern, sdk: m[1] !== undefined };
  }
  if (/^arn:[a-z-]+:lambda:/.test(resource) || /^\$\{[^}]+\}$/.test(resource)) return { service: 'lambda', action: 'invoke', pattern: 'request', sdk: false };
  return undefined;
}

/** The placeholders used inside a value (strings and keys, recursively), in order. */
function placeholdersIn(v: unknown, out: string[]): void {
  if (typeof v === 'string') {
    for (const m of v.matchAll(PLACEHOLDER)) if (!out.includes(m[1]!)) out.push(m[1]!);
  } else if (Array.isArray(v)) for (const x of v) placeholdersIn(x, out);
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) {
    placeholdersIn(k, out);
    placeholdersIn(x, out);
  }
}

/** Every placeholder of a value with the pointer of its first use. */
function allPlaceholders(v: unknown, at: Pointer, out: Map<string, Pointer>, depth: number): void {
  if (depth > 64) return;
  if (typeof v === 'string') {
    for (const m of v.matchAll(PLACEHOLDER)) if (!out.has(m[1]!)) out.set(m[1]!, at);
  } else if (Array.isArray(v)) v.forEach((x, i) => allPlaceholders(x, at.concat(i), out, depth + 1));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) allPlaceholders(x, at.concat(k), out, depth + 1);
}

/** Reads a definition (a map). Never throws: what is not as the language says is left out. */
export function readDefinition(definition: Obj): DefinitionFacts {
  const tasks: TaskState[] = [];
  const waits: WaitState[] = [];
  let states = 0;
  const visit = (machine: unknown, at: Pointer, depth: number): void => {
    if (!isObj(machine) || !isObj(machine.States) || depth > 16) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObj(state)) continue;
      states++;
      const pointer = at.concat('States', name);
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        const placeholders: string[] = [];
        placeholdersIn(state.Resource, placeholders);
        placeholdersIn(state.Parameters, placeholders);
        placeholdersIn(state.Arguments, placeholders);
        const integration = parseIntegration(state.Resource);
        const task: { -readonly [K in keyof TaskState]: TaskState[K] } = { name, pointer, resource: state.Resource, placeholders };
        if (integration) task.integration = integration;
        if (typeof state.TimeoutSeconds === 'number') task.timeout = state.TimeoutSeconds;
        tasks.push(task);
      }
      if (state.Type === 'Wait' && typeof state.Seconds === 'number') waits.push({ name, pointer, seconds: state.Seconds });
      if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => visit(b, pointer.concat('Branches', i), depth + 1));
      if (isObj(state.ItemProcessor)) visit(state.ItemProcessor, pointer.concat('ItemProcessor'), depth + 1);
      if (isObj(state.Iterator)) visit(state.Iterator, pointer.concat('Iterator'), depth + 1);
    }
  };
  visit(definition, [], 0);
  const placeholders = new Map<string, Pointer>();
  allPlaceholders(definition, [], placeholders, 0);
  const facts: { -readonly [K in keyof DefinitionFacts]: DefinitionFacts[K] } = { states, tasks, waits, placeholders };
  if (typeof definition.TimeoutSeconds === 'number') facts.timeout = definition.TimeoutSeconds;
  return facts;
}
