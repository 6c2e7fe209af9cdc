import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../server/src/core/index';
import { quickFixes, refactorings } from '../../server/src/core/features/actions';
import { ruleLenses } from '../../server/src/core/features/code-lens';
import { complete } from '../../server/src/core/features/complete';
import { definition } from '../../server/src/core/features/definition';
import { foldingRanges } from '../../server/src/core/features/folding';
import { hover } from '../../server/src/core/features/hover';
import { references } from '../../server/src/core/features/references';
import { prepareRename, rename } from '../../server/src/core/features/rename';
import { selectionRanges } from '../../server/src/core/features/selection';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { buildDiagramModel, limitModel, MAX_DIAGRAM_NODES } from '../../server/src/core/layout/index';
import { HOSTILE, lineColumn, type HostileCase } from '../fixtures/hostile/corpus';

/**
 * One analysis per input for the whole file: the large ones (a 3.8 MB architecture takes seconds on a
 * loaded machine) are analysed once and their analysis shared by the tests that read it.
 */
const analyses = new Map<string, { text: string; analysis: Analysis }>();
function analysed(name: string): { text: string; analysis: Analysis } {
  let found = analyses.get(name);
  if (!found) {
    const text = HOSTILE.find((x) => x.name === name)!.text();
    analyses.set(name, (found = { text, analysis: analyze(text) }));
  }
  return found;
}

/** Large inputs: analysing 4 MB takes a few seconds of CPU, several times that on a machine shared by many test runs. */
const LARGE = { timeout: 90_000 };

/** The first problem with the expected code, where the person sees it. */
function located(c: HostileCase, text: string, a: Analysis): { line: number; column: number; text: string } | undefined {
  const p = a.problems.find((x) => x.code === c.expect.code);
  if (!p) return undefined;
  return { ...lineColumn(text, p.span.start), text: text.slice(p.span.start, p.span.end) };
}

/** Every editor feature at an offset: each must answer (anything, or nothing), never throw. */
function everyFeature(a: Analysis, offset: number): void {
  hover(a, offset);
  complete(a, offset);
  definition(a, offset);
  references(a, offset, true);
  prepareRename(a, offset);
  rename(a, offset, 'renamed');
  selectionRanges(a, offset);
  refactorings(a, { start: offset, end: offset });
}

describe('the hostile-input corpus: each gives its located problem', () => {
  for (const c of HOSTILE) {
    it(`${c.name}: ${c.expect.code} at ${c.expect.line}:${c.expect.column}`, c.large ? LARGE : {}, () => {
      const { text, analysis: a } = analysed(c.name);
      const at = located(c, text, a);
      expect(at, `${c.name} gave ${a.problems.slice(0, 5).map((p) => p.code).join(', ')}`).toBeDefined();
      expect({ line: at!.line, column: at!.column }).toEqual({ line: c.expect.line, column: c.expect.column });
      if (c.expect.text) expect(at!.text.startsWith(c.expect.text), `underlines '${at!.text.slice(0, 40)}'`).toBe(true);
      for (const p of a.problems) expect(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length).toBe(true);
    });
  }
});

describe('the editor features answer on every hostile input', () => {
  for (const c of HOSTILE.filter((x) => !x.large)) {
    it(c.name, () => {
      const { text, analysis: a } = analysed(c.name);
      const p = a.problems.find((x) => x.code === c.expect.code)!;
      for (const offset of new Set([0, p.span.start, p.span.end, Math.floor(text.length / 2), text.length])) everyFeature(a, offset);
      documentSymbols(a);
      foldingRanges(a);
      ruleLenses(a);
      quickFixes(a, a.problems.filter((x) => x.fix).slice(0, 20).map((x) => ({ fix: x.fix!, pointer: x.pointer })));
      buildDiagramModel(a);
    });
  }

  it('many-functions: hover and completion answer, and the diagram shows the first 5,000 elements with a notice', LARGE, () => {
    const { text, analysis: a } = analysed('many-functions');
    expect(text.length).toBe(3_813_336);
    expect(a.graph.nodes.size).toBe(97_777);
    const last = text.lastIndexOf('fn97776');
    expect(hover(a, last + 2)?.markdown).toContain('fn97776');
    complete(a, text.length - 1);
    const model = limitModel(buildDiagramModel(a));
    expect(model.nodes).toHaveLength(MAX_DIAGRAM_NODES);
    expect(model.notice).toBe('This architecture has 97,777 elements; a diagram shows at most 5,000: here the first 5,000, whole flows in file order. Split the file into several architectures to see the rest.');
  });
});

describe('what the fuzzer found', () => {
  it('tab-indented: the first 200 YAML errors, then one that counts the rest', LARGE, () => {
    const { text, analysis } = analysed('tab-indented');
    const yamlErrors = analysis.problems.filter((p) => p.code === 'yaml/syntax');
    expect(yamlErrors).toHaveLength(201);
    expect(yamlErrors[200]!.message).toBe('And 79,800 more YAML errors from here on, not listed: fix the ones above first.');
    expect(lineColumn(text, yamlErrors[200]!.span.start)).toEqual({ line: 204, column: 1 });
  });

  it('repeated-keys: each repeat on its key, the first 1,000 listed, then one that counts the rest', LARGE, () => {
    const { text, analysis } = analysed('repeated-keys');
    const repeats = analysis.problems.filter((p) => p.code === 'yaml/duplicate-key');
    expect(repeats).toHaveLength(1001);
    expect(text.slice(repeats[999]!.span.start, repeats[999]!.span.end)).toBe('k999');
    expect(text.slice(repeats[1000]!.span.start, repeats[1000]!.span.end)).toBe('k1000');
    expect(repeats[1000]!.message).toBe('And 19,000 more keys written twice in this file, not listed: Archflow lists 1,000 problems of one code (this is the first left out).');
  });

  it('many-functions: 1,000 untriggered functions listed, then one that counts the rest', LARGE, () => {
    const { text, analysis } = analysed('many-functions');
    const untriggered = analysis.problems.filter((p) => p.code === 'graph/untriggered-consumer');
    expect(untriggered).toHaveLength(1001);
    expect(untriggered[1000]!.message).toBe('And 96,777 more graph/untriggered-consumer problems in this file, not listed: Archflow lists 1,000 problems of one code (this is the first left out).');
    expect(text.slice(untriggered[1000]!.span.start, untriggered[1000]!.span.end)).toBe('fn01000');
  });
});
