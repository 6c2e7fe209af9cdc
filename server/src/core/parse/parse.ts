import { isAlias, isDocument, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem, Span } from '../span';
import { fastParse } from './fast-yaml';

/** Files larger than this are not analysed (they would make the editor wait). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Alias expansions allowed when building the plain value (a guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

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

function firstLine(text: string): Span {
  const nl = text.indexOf('\n');
  return { start: 0, end: nl < 0 ? Math.min(text.length, 200) : nl };
}

function sizeLabel(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Parses the text of an architecture file. Never throws: anything wrong with the text is a problem.
 *
 * Codes: `file/binary`, `file/too-large`, `file/empty`, `yaml/syntax`, `yaml/duplicate-key`,
 * `yaml/alias-limit`, `yaml/warning`.
 */
export function parse(text: string): ArchDocument {
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
        message: `This file is ${sizeLabel(bytes)}; Archflow analyses architecture files up to ${sizeLabel(MAX_FILE_BYTES)}. Split it into several architectures.`,
        span: firstLine(text),
        pointer: [],
      }],
    };
  }

  // The common case takes the fast path (the same tree and value as `yaml`, see fast-yaml.ts).
  const fast = fastParse(text);
  if (fast) {
    const duplicates: Problem[] = fast.duplicates.map((span) => duplicateKey(text, span));
    return { text, yaml: fast.doc, value: fast.value, problems: duplicates };
  }

  const problems: Problem[] = [];
  let doc: Document.Parsed;
  try {
    // Duplicate keys are found by `duplicateKeys` below in one pass: the parser's own check is quadratic in the size of a map.
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error', keepSourceTokens: false, lineCounter: new LineCounter() });
  } catch (err) {
    // The yaml package reports problems in doc.errors; a throw here is a bug in it. Keep the server up.
    return {
      text, yaml: undefined, value: undefined,
      problems: [{ code: 'yaml/syntax', severity: 'error', message: `Could not read this YAML: ${String((err as Error).message ?? err)}`, span: firstLine(text), pointer: [] }],
    };
  }

  for (const e of doc.errors) {
    const [start, end] = e.pos;
    problems.push({
      code: e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
      severity: 'error',
      message: cleanYamlMessage(e.message),
      span: spanOf(text, start, end),
      pointer: [],
    });
  }
  for (const span of duplicateKeys(doc)) {
    problems.push(duplicateKey(text, span));
  }
  for (const w of doc.warnings) {
    const [start, end] = w.pos;
    problems.push({ code: 'yaml/warning', severity: 'warning', message: cleanYamlMessage(w.message), span: spanOf(text, start, end), pointer: [] });
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    value = undefined;
    const alias = findFirstAlias(doc);
    problems.push({
      code: 'yaml/alias-limit',
      severity: 'error',
      message: /alias/i.test(String((err as Error)?.message))
        ? `YAML aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT}); this looks like an alias bomb. Write the values out instead of nesting aliases.`
        : `Could not build the document: ${String((err as Error)?.message ?? err)}`,
      span: alias ?? firstLine(text),
      pointer: [],
    });
  }

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
  // yaml messages end with " at line X, column Y" plus a code frame when prettyErrors is on; it is off.
  const m = message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '');
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** The keys that repeat an earlier key of the same map (scalar keys; `<<` merges aside), in one pass over the tree. */
function duplicateKeys(doc: Document.Parsed): Span[] {
  const out: Span[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.value !== '<<') {
          const id = typeof key.value + ':' + String(key.value);
          if (seen.has(id) && key.range) out.push({ start: key.range[0], end: key.range[1] });
          seen.add(id);
        }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(doc.contents);
  return out;
}

function findFirstAlias(doc: Document.Parsed): Span | undefined {
  let found: Span | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (isAlias(node)) {
      const r = node.range;
      if (r) found = { start: r[0], end: r[1] };
      return;
    }
    const n = node as { items?: unknown[]; key?: unknown; value?: unknown; contents?: unknown };
    if (isDocument(node)) return visit(node.contents);
    if (Array.isArray(n.items)) for (const item of n.items) visit(item);
    if ('key' in n) visit(n.key);
    if ('value' in n) visit(n.value);
  };
  visit(doc.contents);
  return found;
}
