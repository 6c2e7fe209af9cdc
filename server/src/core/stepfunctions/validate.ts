/**
 * Validates an Amazon States Language definition with asl-validator (its JSON Schemas, path and
 * JSONata formats, and its checks of transitions, terminal states and duplicate names), and locates
 * each problem in the definition: a JSON pointer under it, or the state a message names.
 *
 * asl-validator's own entry point compiles its schemas on every call (about a second); here they
 * are compiled once, with the same formats, and its checks are called one by one.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { registerAll } from 'asl-path-validator';
import jsonata from 'jsonata';
import { isArnFormatValid } from 'asl-validator/dist/src/checks/formats';
import { missingTransitionTargetErrors } from 'asl-validator/dist/src/checks/missing-transition-target-errors';
import { stateTransitionsErrors } from 'asl-validator/dist/src/checks/state-transitions-errors';
import { duplicateStateNames } from 'asl-validator/dist/src/checks/duplicate-state-names-errors';
import { missingTerminalStateErrors } from 'asl-validator/dist/src/checks/missing-terminal-state-errors';
import { mustNotHaveDuplicateFieldNamesAfterEvaluation } from 'asl-validator/dist/src/checks/duplicate-payload-template-fields';
import { AtMostOne, ExactlyOne, IsChoice, IsFail, IsMap, IsSucceed, IsTask, IsWait, stateChecks, type AslError } from 'asl-validator/dist/src/checks/state-checks';
import common from 'asl-validator/dist/src/schemas/common.json';
import paths from 'asl-validator/dist/src/schemas/paths.json';
import jsonataSchema from 'asl-validator/dist/src/schemas/jsonata.json';
import choice from 'asl-validator/dist/src/schemas/choice.json';
import fail from 'asl-validator/dist/src/schemas/fail.json';
import parallel from 'asl-validator/dist/src/schemas/parallel.json';
import pass from 'asl-validator/dist/src/schemas/pass.json';
import baseStateMachine from 'asl-validator/dist/src/schemas/base-state-machine.json';
import stateMachine from 'asl-validator/dist/src/schemas/state-machine.json';
import state from 'asl-validator/dist/src/schemas/state.json';
import succeed from 'asl-validator/dist/src/schemas/succeed.json';
import task from 'asl-validator/dist/src/schemas/task.json';
import wait from 'asl-validator/dist/src/schemas/wait.json';
import map from 'asl-validator/dist/src/schemas/map.json';
import errors from 'asl-validator/dist/src/schemas/errors.json';
import type { Pointer } from '../span';
import { isObj, type Obj } from '../util/value';

/** One problem of a definition, located under it. */
export interface DefinitionProblem {
  /** Where, under the definition (`['States', 'Charge', 'Next']`); `[]` for the whole definition. */
  readonly at: Pointer;
  /** True when `at` names a key (a state's name), false for a value. */
  readonly key?: boolean;
  readonly message: string;
}

const OPTIONS = { checkPaths: true, checkArn: true } as const;
const STATE_MACHINE = 'http://asl-validator.cloud/state-machine.json#';

// eslint-disable-next-line no-restricted-syntax -- asl-validator's schemas, compiled once (about a second): one value, never an analysis
let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({
    schemas: [common, paths, jsonataSchema, choice, fail, parallel, pass, baseStateMachine, stateMachine, state, succeed, task, wait, map, errors],
    allowUnionTypes: true,
  });
  addFormats(ajv);
  const jsonataOk = (value: string): boolean => {
    let e = value.trim();
    e = e.startsWith('{%') ? e.slice(2) : e;
    e = e.endsWith('%}') ? e.slice(0, -2) : e;
    try {
      jsonata(e);
      return true;
    } catch {
      return false;
    }
  };
  ajv.addFormat('jsonata_string', jsonataOk);
  ajv.addFormat('maybe_jsonata_string', (v: string) => (v.trim().startsWith('{%') || v.trim().endsWith('%}') ? jsonataOk(v) : true));
  registerAll(ajv);
  ajv.addFormat('asl_arn', isArnFormatValid);
  compiled = ajv.getSchema(STATE_MACHINE)!;
  return compiled;
}

/**
 * A copy ready for validation: every state gets the machine's query language (as asl-validator
 * does), and a `Resource` made of CloudFormation placeholders (`${ChargeFunctionArn}`,
 * `arn:${AWS::Partition}:…`) reads as the ARN it will be once substituted.
 */
function prepared(definition: Obj): Obj {
  const copy = structuredClone(definition);
  const language = typeof copy.QueryLanguage === 'string' ? copy.QueryLanguage : 'JSONPath';
  const visit = (machine: unknown, inherited: unknown, depth: number): void => {
    if (!isObj(machine) || !isObj(machine.States) || depth > 16) return;
    for (const s of Object.values(machine.States)) {
      if (!isObj(s)) continue;
      if (s.QueryLanguage === undefined) s.QueryLanguage = inherited;
      if (typeof s.Resource === 'string' && s.Resource.includes('${')) {
        s.Resource = /^\$\{[^}]+\}$/.test(s.Resource)
          ? 'arn:aws:lambda:us-east-1:123456789012:function:placeholder'
          : s.Resource.replace(/\$\{AWS::Partition\}/g, 'aws').replace(/\$\{AWS::Region\}/g, 'us-east-1').replace(/\$\{AWS::AccountId\}/g, '123456789012').replace(/\$\{[^}]+\}/g, 'placeholder');
      }
      for (const b of Array.isArray(s.Branches) ? s.Branches : []) visit(b, s.QueryLanguage, depth + 1);
      visit(s.ItemProcessor, s.QueryLanguage, depth + 1);
      visit(s.Iterator, s.QueryLanguage, depth + 1);
    }
  };
  visit(copy, language, 0);
  return copy;
}

/** JSON pointer text (`/States/A/Next`) → segments. */
const segments = (instancePath: string): Pointer =>
  instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** Where a state is declared, and where each transition to a name is written. */
function index(definition: Obj): { states: Map<string, Pointer>; targets: Map<string, Pointer> } {
  const states = new Map<string, Pointer>();
  const targets = new Map<string, Pointer>();
  const visit = (v: unknown, at: Pointer, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, at.concat(i), depth + 1));
    else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'StartAt' || k === 'Next' || k === 'Default') && typeof x === 'string' && !targets.has(x)) targets.set(x, at.concat(k));
        if (k === 'States' && isObj(x)) for (const name of Object.keys(x)) if (!states.has(name)) states.set(name, at.concat('States', name));
        visit(x, at.concat(k), depth + 1);
      }
    }
  };
  visit(definition, [], 0);
  return { states, targets };
}

/** asl-validator's error codes, worded for a person. */
const WORDS: Readonly<Record<string, string>> = {
  TERMINAL_STATE_WITH_NEXT: 'needs exactly one of `Next` and `End`',
  WAIT_DURATION: 'needs exactly one of `Seconds`, `SecondsPath`, `Timestamp` and `TimestampPath`',
  TASK_TIMEOUT: 'may have `TimeoutSeconds` or `TimeoutSecondsPath`, not both',
  TASK_HEARTBEAT: 'may have `HeartbeatSeconds` or `HeartbeatSecondsPath`, not both',
  MAP_ITEM_PROCESSOR: 'needs exactly one of `ItemProcessor` and `Iterator`',
  MAP_ITEM_SELECTOR: 'may have `ItemSelector` or `Parameters`, not both',
  FAIL_CAUSE_PROPERTY: 'may have `Cause` or `CausePath`, not both',
  FAIL_ERROR_PROPERTY: 'may have `Error` or `ErrorPath`, not both',
};

/**
 * The problems of a definition (a map), each located under it. Never throws: a failure of the
 * validator itself is reported as one problem of the whole definition.
 */
export function validateDefinition(definition: Obj): DefinitionProblem[] {
  try {
    const def = prepared(definition);
    const validate = validator();
    if (!validate(def)) return schemaProblems(validate.errors ?? [], definition);
    const { states, targets } = index(definition);
    const out: DefinitionProblem[] = [];
    const located = (e: AslError): void => {
      const m = e.Message;
      let r: RegExpExecArray | null;
      if ((r = /^State (.+) is not reachable$/.exec(m))) out.push({ at: states.get(r[1]!) ?? [], key: true, message: `State '${r[1]}' is never reached: no \`StartAt\`, \`Next\` or \`Default\` names it.` });
      else if ((r = /target: (.+)$/.exec(m))) out.push({ at: targets.get(r[1]!) ?? [], message: `No state is named '${r[1]}'.` });
      else if ((r = /already exists: (.+)$/.exec(m))) out.push({ at: states.get(r[1]!) ?? [], key: true, message: `Two states are named '${r[1]}': state names are unique in the whole state machine.` });
      else if (/^State machine fsm\d+ is missing a terminal state$/.test(m)) out.push({ at: [], message: 'A state machine (or a branch, or a Map iterator) has no terminal state: no state has `End: true` or is a Succeed or Fail state.' });
      else out.push({ at: [], message: m });
    };
    for (const check of [missingTransitionTargetErrors, stateTransitionsErrors, duplicateStateNames, missingTerminalStateErrors, mustNotHaveDuplicateFieldNamesAfterEvaluation]) {
      for (const e of check(def, OPTIONS)) located(e);
    }
    const pair = (props: string[], errorCode: string, path?: string): ReturnType<typeof AtMostOne> => AtMostOne({ props, errorCode, ...(path ? { path } : {}) });
    const checks = [
      { filter: IsTask, checker: pair(['TimeoutSeconds', 'TimeoutSecondsPath'], 'TASK_TIMEOUT') },
      { filter: IsTask, checker: pair(['HeartbeatSeconds', 'HeartbeatSecondsPath'], 'TASK_HEARTBEAT') },
      { filter: IsMap, checker: ExactlyOne({ props: ['ItemProcessor', 'Iterator'], errorCode: 'MAP_ITEM_PROCESSOR' }) },
      { filter: IsMap, checker: pair(['ItemSelector', 'Parameters'], 'MAP_ITEM_SELECTOR') },
      { filter: IsWait, checker: ExactlyOne({ props: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'], errorCode: 'WAIT_DURATION' }) },
      { filter: (entry: Parameters<typeof IsTask>[0]) => !(IsSucceed(entry) || IsFail(entry) || IsChoice(entry)), checker: ExactlyOne({ props: ['End', 'Next'], errorCode: 'TERMINAL_STATE_WITH_NEXT' }) },
      { filter: IsFail, checker: pair(['Cause', 'CausePath'], 'FAIL_CAUSE_PROPERTY') },
      { filter: IsFail, checker: pair(['Error', 'ErrorPath'], 'FAIL_ERROR_PROPERTY') },
    ];
    for (const e of stateChecks(def, OPTIONS, checks)) {
      const name = /State ['"]?([^'"]+?)['"]? /.exec(e.Message)?.[1] ?? /\b(?:state|State)\s+"?([^"\s]+)"?/.exec(e.Message)?.[1];
      const at = name !== undefined ? states.get(name) : undefined;
      const words = WORDS[e['Error code']];
      out.push({ at: at ?? [], key: at !== undefined, message: words && name !== undefined ? `State '${name}' ${words}.` : e.Message });
    }
    return out;
  } catch (err) {
    return [{ at: [], message: `The definition could not be validated (${(err as Error)?.message ?? String(err)}).` }];
  }
}

/** Ajv's errors, the deepest first as asl-validator picks them, in words. */
function schemaProblems(list: readonly { instancePath: string; message?: string; keyword: string; params?: Record<string, unknown> }[], definition: Obj): DefinitionProblem[] {
  let deepest = 0;
  for (const e of list) deepest = Math.max(deepest, e.instancePath.split('/').length);
  const chosen = list.filter((e) => e.instancePath.split('/').length === deepest);
  const withOneOf = new Set(chosen.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: DefinitionProblem[] = [];
  const seen = new Set<string>();
  for (const e of chosen) {
    if (e.keyword !== 'oneOf' && withOneOf.has(e.instancePath)) continue;
    const at = segments(e.instancePath);
    const key = `${e.instancePath} ${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = at.length === 0 ? 'The definition' : `\`${at.join('.')}\``;
    const extra = e.keyword === 'additionalProperties' && typeof e.params?.additionalProperty === 'string' ? ` (\`${e.params.additionalProperty}\`)` : '';
    const value = valueAt(definition, at);
    const shown = e.keyword === 'format' && typeof value === 'string' ? ` ('${value.length > 60 ? value.slice(0, 60) + '…' : value}')` : '';
    out.push({ at, message: `${where}${shown} ${e.message ?? 'is invalid'}${extra}.` });
  }
  return out;
}

function valueAt(root: unknown, at: Pointer): unknown {
  let v = root;
  for (const s of at) v = isObj(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}
