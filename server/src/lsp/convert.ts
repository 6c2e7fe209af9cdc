import { DiagnosticSeverity, type Diagnostic, type Location, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFix, type Fix } from '../core/fix';
import type { Problem, Severity, Span } from '../core/index';
import { docsUrl } from '../core/index';

/** The only place where offsets become positions. */
export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function toSpan(doc: TextDocument, range: Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** A span of a document as an LSP location. */
export function toLocation(doc: TextDocument, span: Span): Location {
  return { uri: doc.uri, range: toRange(doc, span) };
}

/** A core text edit (`{ start, end, newText }` in offsets) as an LSP text edit. */
export function toTextEdit(doc: TextDocument, edit: { readonly start: number; readonly end: number; readonly newText: string }): TextEdit {
  return { range: toRange(doc, edit), newText: edit.newText };
}

/** The zero-based lines a span starts and ends on (for folding ranges). */
export function toLines(doc: TextDocument, span: Span): { start: number; end: number } {
  return { start: doc.positionAt(span.start).line, end: doc.positionAt(span.end).line };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What travels in `Diagnostic.data`: the fix descriptor, the pointer and the nodes. */
export interface DiagnosticData {
  readonly pointer: readonly (string | number)[];
  readonly fix?: Fix;
  readonly nodes?: readonly string[];
}

/**
 * Reads `Diagnostic.data` as a client sends it back (untrusted): the pointer and a well-formed fix
 * (`parseFix`), or undefined. Nodes are not read back.
 */
export function readDiagnosticData(data: unknown): DiagnosticData | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  const pointer = Array.isArray(d.pointer) && d.pointer.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s))) ? (d.pointer as (string | number)[]) : [];
  const fix = parseFix(d.fix);
  return fix ? { pointer, fix } : { pointer };
}

export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  const data: DiagnosticData = { pointer: p.pointer, ...(p.fix ? { fix: p.fix } : {}), ...(p.nodes ? { nodes: p.nodes } : {}) };
  const href = docsUrl(p.code);
  return {
    range: toRange(doc, p.span),
    severity: SEVERITY[p.severity],
    code: p.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'archflow',
    message: p.message,
    data,
  };
}
