import { Composer, Document, isMap, isPair, isSeq, Lexer, Parser, YAMLParseError, type CST, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { MAX_DEPTH } from './limits';

/** Options for the `yaml` package's composer (as `parseDocument` takes them). */
export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** A document read by `readYaml`. */
export interface ReadYaml {
  readonly doc: Document.Parsed;
  /**
   * Set when the text nests deeper than the parser is allowed to follow: the offset where reading
   * stopped. `doc` then holds the text up to there, deep enough for `toValue` to find the first node
   * past `MAX_DEPTH` and report it.
   */
  readonly cutAt?: number;
}

/**
 * Parser stack entries allowed: a document, a scalar being read and a few block values besides the
 * collections, so a document within `MAX_DEPTH` is never cut.
 */
const STACK_LIMIT = MAX_DEPTH + 8;

/**
 * `parseDocument` of the `yaml` package, with a bound on nesting: its lexer and parser slow down with
 * the depth of what they hold open (a 4 MB line of `[` takes a minute and 2 GB), so the parser is
 * driven token by token and stopped as soon as it holds more than `STACK_LIMIT` open structures.
 * The work is then linear in the text read. Never throws for any text (the composer turns its own
 * failures into errors of the document).
 *
 * Relies on `Lexer`, `Parser` (its public `next`, `end` and `stack`) and `Composer` — the same parts
 * `parseDocument` is made of.
 */
export function readYaml(text: string, options: YamlOptions): ReadYaml {
  const parser = new Parser();
  const composer = new Composer({ ...options, prettyErrors: false });
  let cutAt: number | undefined;
  function* tokens(): Generator<CST.Token> {
    for (const lexeme of new Lexer().lex(text, false)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > STACK_LIMIT) {
        cutAt = parser.offset;
        break;
      }
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  // Each YAML error is an Error, and capturing its stack costs more than parsing a line: a file of
  // 80,000 tab-indented lines spent 2.4 s there. Nobody reads those stacks.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const d of composer.compose(tokens(), true, text.length)) {
      if (!doc) doc = d;
      else {
        // Several documents: the first one counts, as in `parseDocument`.
        doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'This file holds several YAML documents (`---`); an architecture is one document.'));
        break;
      }
    }
  } catch (err) {
    // The yaml package reports problems in `doc.errors`; a throw is a bug in it. Keep the caller up.
    Error.stackTraceLimit = stackTraceLimit;
    const empty = new Document(null, options) as unknown as Document.Parsed;
    empty.errors.push(new YAMLParseError([0, Math.min(1, text.length)], 'IMPOSSIBLE', `Could not read this YAML: ${String((err as Error)?.message ?? err)}`));
    return { doc: empty };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return cutAt === undefined ? { doc: doc! } : { doc: doc!, cutAt };
}

/**
 * Where the first collection (in text order) nested deeper than `MAX_DEPTH` opens, keys included: the
 * place of `yaml/too-deep` in a document `readYaml` cut. Undefined when none is (the cut came first).
 */
export function firstTooDeep(doc: Document.Parsed): number | undefined {
  let best: number | undefined;
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_DEPTH) {
      const start = node.range?.[0];
      if (start !== undefined && (best === undefined || start < best)) best = start;
      continue;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return best;
}
