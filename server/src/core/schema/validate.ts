import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import archflowSchema from '../../../../schemas/archflow.schema.json';
import { didYouMean, listOr, wordsOr } from '../util/suggest';
import ajvOptions from './ajv-options.json';
import { precompiled } from './precompiled';
import type { Finding, Pointer } from '../span';
import { deadLetterHint, sizeHint, typeHint } from './hints';
import type { Section } from '../kinds/index';

/** The JSON Schema of the format, as shipped in `schemas/`. */
export const schema = archflowSchema as Record<string, unknown>;

// eslint-disable-next-line no-restricted-syntax -- the schema's validator, compiled once: one value, never an analysis
let compiled: ValidateFunction | undefined;

/** The bundles carry the validator compiled at build time (precompiled.ts); unbundled code compiles it once here. */
function validator(): ValidateFunction {
  if (!compiled) {
    compiled = precompiled;
    if (!compiled) {
      const ajv = new Ajv(ajvOptions.options);
      ajv.addVocabulary(ajvOptions.vocabulary);
      compiled = ajv.compile(schema);
    }
  }
  return compiled;
}

function toPointer(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const typeNames: Record<string, string> = {
  string: 'text',
  object: 'a map',
  array: 'a list',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'nothing',
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text '${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, pointer: readonly string[]): unknown {
  let v = root;
  for (const s of pointer) {
    if (v && typeof v === 'object') v = (v as Record<string, unknown>)[s];
    else return undefined;
  }
  return v;
}

function firstSentence(text: unknown): string {
  if (typeof text !== 'string') return '';
  const m = /^[^\n]*?[.!?](\s|$)/.exec(text);
  return (m ? m[0] : text.split('\n')[0] ?? '').trim();
}

function isUnder(path: string, parent: string): boolean {
  return path.startsWith(parent + '/');
}

/** Drops the noise ajv reports for `anyOf` unions, keeping what a person needs to fix. */
function prune(all: readonly ErrorObject[]): ErrorObject[] {
  const discriminated = new Set(all.filter((e) => e.keyword === 'discriminator').map((e) => e.instancePath));
  const errors = all.filter((e) => !(e.keyword === 'required' && discriminated.has(e.instancePath) && (e.params as { missingProperty?: string }).missingProperty === 'type'));
  const unionPaths = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: ErrorObject[] = [];
  const mergedTypes = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    if (e.keyword === 'type' && unionPaths.has(e.instancePath)) {
      const deeper = errors.some((o) =>
        o !== e && o.keyword !== 'anyOf' && o.keyword !== 'oneOf' && o.keyword !== 'if' &&
        (isUnder(o.instancePath, e.instancePath) || (o.instancePath === e.instancePath && o.keyword !== 'type')));
      if (deeper) continue;
      const list = mergedTypes.get(e.instancePath) ?? [];
      list.push(e);
      mergedTypes.set(e.instancePath, list);
      continue;
    }
    out.push(e);
  }
  for (const list of mergedTypes.values()) {
    const types = [...new Set(list.flatMap((e) => String((e.params as { type: string | string[] }).type).split(',')))];
    out.push({ ...list[0]!, params: { type: types } });
  }
  // A failed `propertyNames` reports the inner `pattern` error too; keep the outer one.
  const seen = new Set<string>();
  return out.filter((e) => {
    if (e.keyword === 'pattern' && e.propertyName !== undefined) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toFinding(e: ErrorObject, root: unknown): Finding {
  const at: string[] = toPointer(e.instancePath);
  const value = valueAt(root, at);
  const params = e.params as Record<string, unknown>;
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const known = Object.keys((parent?.properties as Record<string, unknown>) ?? {});
      return {
        code: 'schema/unknown-property', severity: 'error', at: [...at, prop], target: 'key',
        message: `Unknown property '${prop}'.${didYouMean(prop, known)}${known.length ? '' : ''}`,
        fix: closestFix(prop, known),
      };
    }
    case 'required': {
      const prop = String(params.missingProperty);
      const last = at[at.length - 1];
      const where = last === undefined ? ' at the top of the file' : /^\d+$/.test(last) ? ' in this entry' : ` in '${last}'`;
      return { code: 'schema/required', severity: 'error', at, target: 'key', message: `Missing required property '${prop}'${where}.` };
    }
    case 'type': {
      const types = ([] as string[]).concat(params.type as string | string[]).flatMap((t) => String(t).split(','));
      const union = types.includes('string') && (types.includes('object') || types.includes('array'));
      const expected = [...new Set(types.map((t) => (union && t === 'string' ? 'a name' : typeNames[t] ?? t)))];
      const list = wordsOr(expected);
      const last = at[at.length - 1];
      // Teach the format: the unit of a size, the form of a `deadLetter` for its place.
      const hint = last === 'deadLetter'
        ? deadLetterHint(at, value, at.length === 3 && at[0] === 'routers' && isQueue(root, at))
        : sizeHint(parent?.['x-unit'], String(last), value, at);
      return { code: 'schema/type', severity: 'error', at, message: `Expected ${list}, got ${describe(value)}.${hint.text}`, ...(hint.fix ? { fix: hint.fix } : {}) };
    }
    case 'enum': {
      const values = params.allowedValues as unknown[];
      const allowed = values.map(String);
      if (typeof value === 'number' && values.every((v) => typeof v === 'number')) {
        // A number between allowed ones (a log retention of 45 days): name its neighbours, not a look-alike string.
        const sorted = [...(values as number[])].sort((a, b) => a - b);
        const below = sorted.filter((v) => v < value).pop();
        const above = sorted.find((v) => v > value);
        const nearest = [below, above].filter((v): v is number => v !== undefined);
        return {
          code: 'schema/enum', severity: 'error', at,
          message: `${value} is not allowed here; the allowed values are ${sorted.join(', ')}. The nearest: ${nearest.join(' or ')}.`,
        };
      }
      return {
        code: 'schema/enum', severity: 'error', at,
        message: `'${String(value)}' is not allowed here; expected ${listOr(allowed)}.${didYouMean(String(value), allowed)}`,
      };
    }
    case 'const': {
      // `type: lambda` on a consumer.
      const hint = at[0] === 'consumers' && at.length === 3 && at[2] === 'type' ? typeHint('consumers', value, at) : { text: '' };
      return { code: 'schema/const', severity: 'error', at, message: `Expected ${JSON.stringify(params.allowedValue)}, got ${describe(value)}.${hint.text}`, ...(hint.fix ? { fix: hint.fix } : {}) };
    }
    case 'pattern': {
      if (parent?.['x-unit'] === 'seconds') {
        return { code: 'schema/pattern', severity: 'error', at, message: `Invalid duration '${String(value)}': write a number of seconds or a duration such as \`30s\`, \`15m\`, \`12h\`, \`4d\`.` };
      }
      const hint = firstSentence(parent?.markdownDescription);
      return { code: 'schema/pattern', severity: 'error', at, message: `Invalid value '${String(value)}'.${hint ? ' ' + hint : ''}` };
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      const hint = at[at.length - 1] === 'routes'
        ? 'A route is `METHOD /path`, e.g. `POST /orders`.'
        : 'Names start with a letter and use letters, digits, `_`, `.` and `-` (at most 64 characters).';
      return { code: 'schema/invalid-name', severity: 'error', at: [...at, name], target: 'key', message: `Invalid name '${name}'. ${hint}` };
    }
    case 'discriminator': {
      const section = at[0] === 'producers' ? 'producer' : 'router';
      const kinds = section === 'producer' ? ['http-api', 'bucket', 'schedule', 'table', 'external'] : ['queue', 'topic', 'event-bus', 'stream', 'firehose', 'external'];
      const tag = (value as Record<string, unknown> | undefined)?.type;
      if (tag === undefined) {
        return { code: 'schema/required', severity: 'error', at, target: 'key', message: `Missing 'type' for ${section} '${at[at.length - 1]}'; expected ${listOr(kinds)}.` };
      }
      const hint = typeHint(`${section}s` as Section, tag, [...at, 'type']);
      return {
        code: 'schema/enum', severity: 'error', at: [...at, 'type'],
        message: `Unknown ${section} type '${String(tag)}'; expected ${listOr(kinds)}.${hint.text || didYouMean(String(tag), kinds)}`,
        ...(hint.fix ? { fix: hint.fix } : {}),
      };
    }
    case 'minLength':
      return { code: 'schema/invalid', severity: 'error', at, message: 'Must not be empty.' };
    case 'minItems':
      return { code: 'schema/invalid', severity: 'error', at, message: `Needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.` };
    case 'minProperties':
      return { code: 'schema/invalid', severity: 'error', at, message: 'Must name a target, e.g. `{ function: name }`.' };
    default:
      return { code: 'schema/invalid', severity: 'error', at, message: e.message ? e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.' : 'Invalid value.' };
  }
}

/** Whether the node declared at `at[0]/at[1]` is a queue. */
function isQueue(root: unknown, at: readonly string[]): boolean {
  const node = valueAt(root, at.slice(0, 2));
  return typeof node === 'object' && node !== null && (node as Record<string, unknown>).type === 'queue';
}

function closestFix(prop: string, known: readonly string[]): Finding['fix'] {
  const suggestion = didYouMean(prop, known);
  if (!suggestion) return undefined;
  const to = /'([^']+)'/.exec(suggestion)![1]!;
  return { kind: 'rename-key', title: `Change to '${to}'`, from: prop, to };
}

/** Validates a document's plain value against the format's JSON Schema. */
export function validateSchema(value: unknown): Finding[] {
  return findingsOf(validator(), value);
}

/** A validator for another of Archflow's schemas (scenario files), compiled with the same ajv options. */
export function compileSchema(other: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv(ajvOptions.options);
  ajv.addVocabulary(ajvOptions.vocabulary);
  return ajv.compile(other);
}

/** What a validator finds in a value, pruned and worded like the format's own schema problems. */
export function findingsOf(validate: ValidateFunction, value: unknown): Finding[] {
  if (validate(value)) return [];
  return prune(validate.errors ?? []).map((e) => toFinding(e, value));
}

/** Pointer of a schema node for a document pointer (used by hover and completion). */
export type SchemaPointer = Pointer;
