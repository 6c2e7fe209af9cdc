import type { Document } from 'yaml';
import type { Problem, Span } from '../span';
import { fastParse } from './fast-yaml';
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_PROBLEMS_PER_CODE, sizeOverLimit } from './limits';
import { firstTooDeep, readYaml } from './read-yaml';
import { toValue } from './to-value';

export { MAX_ALIAS_NODES, MAX_DEPTH, MAX_FILE_BYTES } from './limits';

/** A parsed architecture file: the YAML tree (for ranges) and its plain value (for analysis). */
export interface ArchDocument {
  readonly text: string;
  /** The YAML document, or undefined when the text was not parsed (binary, too large). */
  readonly yaml: Document.Parsed | undefined;
  /** The document as plain data; `undefined` when it could not be built. */
  readonly value: unknown;
  /** Problems found while reading the text (encoding, size, YAML syntax). */
  readonly problems: readonly Problem[];
}

/** Options of `parse`. */
export interface ParseOptions {
  /** `false`: never take the fast path (for bug reports; see fast-yaml.ts). */
  readonly fastPath?: boolean;
}

function firstLine(text: string): Span {
  const nl = text.indexOf('\n');
  return { start: 0, end: nl < 0 ? Math.min(text.length, 200) : nl };
}

/**
 * Parses the text of an architecture file. Never throws: anything wrong with the text is a problem.
 *
 * Codes: `file/binary`, `file/too-large`, `file/empty`, `yaml/syntax`, `yaml/duplicate-key`,
 * `yaml/warning`, and from building the value (to-value.ts) `yaml/too-deep`, `yaml/complex-key`,
 * `yaml/merge`, `yaml/unknown-anchor`, `yaml/alias-cycle`, `yaml/alias-limit`. The work is linear in the text and bounded by
 * the limits in limits.ts.
 */
export function parse(text: string, options: ParseOptions = {}): ArchDocument {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      text,
      yaml: undefined,
      value: undefined,
      problems: [{
        code: 'file/binary',
        severity: 'error',
        message: `This is not a text file (a NUL byte at offset ${nul}). Architecture files are UTF-8 YAML.`,
        span: { start: 0, end: Math.min(nul + 1, text.length) },
        pointer: [],
      }],
    };
  }
  // Upper bound of the UTF-8 size without encoding the whole text.
  const bytes = text.length > MAX_FILE_BYTES / 3 ? new TextEncoder().encode(text).length : text.length;
  if (bytes > MAX_FILE_BYTES) {
    return {
      text,
      yaml: undefined,
      value: undefined,
      problems: [{
        code: 'file/too-large',
        severity: 'error',
        message: `This file is ${sizeOverLimit(bytes, MAX_FILE_BYTES).size}; Archflow reads files up to ${sizeOverLimit(bytes, MAX_FILE_BYTES).limit}. Split it into several architectures.`,
        span: firstLine(text),
        pointer: [],
      }],
    };
  }

  // The common case takes the fast path (the same tree and value as `yaml`, see fast-yaml.ts).
  const fast = options.fastPath === false ? undefined : fastParse(text);
  if (fast) {
    const duplicates = duplicateKeys(text, fast.duplicates);
    return { text, yaml: fast.doc, value: fast.value, problems: duplicates };
  }

  const problems: Problem[] = [];
  // Duplicate keys are found by `toValue` in one pass: the parser's own check is quadratic in the size of a map.
  const { doc, cutAt } = readYaml(text, { uniqueKeys: false, strict: true, logLevel: 'silent', keepSourceTokens: false });
  const converted = toValue(doc, text);
  const deep = converted.problems.find((p) => p.code === 'yaml/too-deep');
  if (deep || cutAt !== undefined) {
    // Nothing of a document nested this deep is analysed: its tree stops where reading stopped. The
    // problem is at the first collection past the limit (keys count: a map used as a key nests too).
    const at = deep ? undefined : (firstTooDeep(doc) ?? cutAt!);
    const span = deep?.span ?? spanOf(text, at!, at! + 1);
    return { text, yaml: undefined, value: undefined, problems: [{ ...(deep ?? tooDeep(span)), span }] };
  }

  for (const e of doc.errors.length > MAX_YAML_ERRORS ? doc.errors.slice(0, MAX_YAML_ERRORS) : doc.errors) {
    const [start, end] = e.pos;
    problems.push({
      code: e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
      severity: 'error',
      message: cleanYamlMessage(e.message),
      span: spanOf(text, start, end),
      pointer: [],
    });
  }
  if (doc.errors.length > MAX_YAML_ERRORS) {
    const next = doc.errors[MAX_YAML_ERRORS]!;
    problems.push({
      code: 'yaml/syntax', severity: 'error', pointer: [], span: spanOf(text, next.pos[0], next.pos[1]),
      message: `And ${(doc.errors.length - MAX_YAML_ERRORS).toLocaleString('en-US')} more YAML errors from here on, not listed: fix the ones above first.`,
    });
  }
  problems.push(...duplicateKeys(text, converted.duplicates));
  for (const w of doc.warnings) {
    const [start, end] = w.pos;
    problems.push({ code: 'yaml/warning', severity: 'warning', message: cleanYamlMessage(w.message), span: spanOf(text, start, end), pointer: [] });
  }
  problems.push(...converted.problems);
  const value = converted.incomplete ? undefined : converted.value;

  if (problems.length === 0 && (value === null || value === undefined)) {
    problems.push({
      code: 'file/empty',
      severity: 'warning',
      message: 'The architecture file is empty. Start with `archflow: 1` and a `name`, then add producers, routers and consumers.',
      span: { start: 0, end: 0 },
      pointer: [],
    });
  }

  return { text, yaml: doc, value, problems };
}

/** YAML errors listed one by one; the rest are counted in one problem (they are mostly echoes of the first). */
const MAX_YAML_ERRORS = 200;

function tooDeep(span: Span): Problem {
  return {
    code: 'yaml/too-deep', severity: 'error', span, pointer: [],
    message: `This value is nested more than ${MAX_DEPTH} levels deep; Archflow reads YAML nested up to ${MAX_DEPTH} levels. Flatten it.`,
  };
}

/** The `yaml/duplicate-key` problems of the repeated keys: at most MAX_PROBLEMS_PER_CODE, then a count. */
function duplicateKeys(text: string, spans: readonly Span[]): Problem[] {
  const out = spans.slice(0, MAX_PROBLEMS_PER_CODE).map((span) => duplicateKey(text, span));
  const more = spans.length - MAX_PROBLEMS_PER_CODE;
  if (more > 0) {
    out.push({
      code: 'yaml/duplicate-key', severity: 'error', pointer: [], span: spans[MAX_PROBLEMS_PER_CODE]!,
      message: `And ${more.toLocaleString('en-US')} more keys written twice in this file, not listed: Archflow lists ${MAX_PROBLEMS_PER_CODE.toLocaleString('en-US')} problems of one code (this is the first left out).`,
    });
  }
  return out;
}

/** A key written twice in one map: the problem names it. */
function duplicateKey(text: string, span: Span): Problem {
  const key = text.slice(span.start, span.end).replace(/^(["'])(.*)\1$/s, '$2');
  return {
    code: 'yaml/duplicate-key', severity: 'error', span, pointer: [],
    message: `The key '${key.length > 60 ? key.slice(0, 60) + '…' : key}' is already set earlier in this map; a key may appear once. Remove or rename one of them.`,
  };
}

function spanOf(text: string, start: number, end: number): Span {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s && s < text.length) e = s + 1;
  return { start: s, end: e };
}

function cleanYamlMessage(message: string): string {
  // readYaml turns prettyErrors off: yaml's messages come without " at line X, column Y" and a code
  // frame (the span says where), so nothing is cut from them: a message quoting the text keeps it whole.
  return message.charAt(0).toUpperCase() + message.slice(1);
}
