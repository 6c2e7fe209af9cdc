import { isMap, type Node, type Tags } from 'yaml';
import { MAX_DEPTH, MAX_FILE_BYTES } from '../parse/limits';
import { firstTooDeep, readYaml } from '../parse/read-yaml';
import { toValue } from '../parse/to-value';
import type { Problem, Span } from '../span';
import { isObj as isObject } from '../util/value';

/**
 * The short-form intrinsic functions of CloudFormation YAML. `!Ref x` reads as `{ Ref: x }`,
 * `!Condition x` as `{ Condition: x }`, `!GetAtt a.b` as `{ 'Fn::GetAtt': [a, b] }`, and every other
 * `!Name v` as `{ 'Fn::Name': v }` — the same plain data the long form (and a JSON template) gives.
 */
export const INTRINSIC_TAGS = [
  'Ref', 'Condition', 'GetAtt', 'Sub', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue', 'GetAZs',
  'Base64', 'Cidr', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString', 'ForEach',
] as const;

/** A tag for each form (scalar, sequence, mapping) that keeps the node; `toPlain` reads the tag. */
const CUSTOM_TAGS: Tags = INTRINSIC_TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: Node) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: Node) => value },
]);

/** A template read into plain data. */
export interface ReadTemplate {
  /** The template as plain data (intrinsics in their long form), or undefined when it could not be read. */
  readonly value: unknown;
  readonly problems: readonly Problem[];
}

/** Problem code of everything that keeps a template from being read. */
export const PARSE_CODE = 'import/parse';

function problem(text: string, message: string, start: number, end: number): Problem {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s && s < text.length) e = s + 1;
  const span: Span = { start: s, end: e };
  return { code: PARSE_CODE, severity: 'error', message, span, pointer: [] };
}

/** `Implicit keys need to be on a single line at line 3, column 1` → `Implicit keys need to be on a single line` */
function cleanMessage(message: string): string {
  const m = message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '');
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** The source text around an error, for the message: `near 'MappingRestEdge:curc'`. */
function near(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const from = end > start && end <= lineEnd ? start : lineStart;
  const to = end > start && end <= lineEnd ? end : lineEnd;
  const snippet = text.slice(from, to).trim();
  if (!snippet) return '';
  return ` near '${snippet.length > 60 ? snippet.slice(0, 57) + '…' : snippet}'`;
}

/**
 * Reads a CloudFormation or SAM template, YAML (with the short-form intrinsics) or JSON. Never throws:
 * a text that is not a template gives `import/parse` problems (the first YAML error only: later ones
 * usually follow from it).
 */
export function readTemplate(text: string): ReadTemplate {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { value: undefined, problems: [problem(text, 'This is not a text file (it contains a NUL byte). Templates are YAML or JSON.', nul, nul + 1)] };
  if (text.length > MAX_FILE_BYTES) {
    return { value: undefined, problems: [problem(text, `This file is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB; CloudFormation templates are at most 1 MB.`, 0, 1)] };
  }
  // Nesting bounded, collection keys reported, duplicates found in one pass (yaml's own check is
  // quadratic in the size of a map): the same reading as an architecture file's.
  const { doc, cutAt } = readYaml(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, logLevel: 'silent', keepSourceTokens: false });
  const converted = toValue(doc, text, { tagged: (tag, v) => (tag.startsWith('!') && !tag.startsWith('!!') && (INTRINSIC_TAGS as readonly string[]).includes(tag.slice(1)) ? intrinsic(tag, v) : v) });
  const deep = converted.problems.find((p) => p.code === 'yaml/too-deep');
  if (!deep && cutAt !== undefined) {
    // Reading stopped at the limit: the errors yaml gives for the cut text are not the file's.
    const at = Math.min(firstTooDeep(doc) ?? cutAt, Math.max(0, text.length - 1));
    return { value: undefined, problems: [problem(text, `This value is nested more than ${MAX_DEPTH} levels deep; Archflow reads YAML nested up to ${MAX_DEPTH} levels. Flatten it.`, at, at + 1)] };
  }
  const first = deep ? undefined : doc.errors[0];
  if (first) {
    const [start, end] = first.pos;
    return { value: undefined, problems: [problem(text, `${cleanMessage(first.message)}${near(text, start, end)}.`, start, end)] };
  }
  const failed = deep ?? converted.problems[0];
  if (failed) return { value: undefined, problems: [problem(text, failed.message, failed.span.start, failed.span.end)] };
  const duplicate = converted.duplicates[0];
  if (duplicate) {
    return { value: undefined, problems: [problem(text, `Map keys must be unique${near(text, duplicate.start, duplicate.end)}.`, duplicate.start, duplicate.end)] };
  }
  const value = converted.value;
  const resources = isObject(value) ? value.Resources : undefined;
  if (!isObject(resources)) {
    const at = isMap(doc.contents) ? doc.contents.range : undefined;
    return {
      value: undefined,
      problems: [problem(text, 'This is not a CloudFormation or SAM template: it has no `Resources` mapping.', at?.[0] ?? 0, Math.min(at?.[1] ?? 1, (at?.[0] ?? 0) + 1))],
    };
  }
  return { value, problems: [] };
}

/** The long form of a tagged value. */
function intrinsic(tag: string, value: unknown): unknown {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}
