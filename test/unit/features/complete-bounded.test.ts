import { describe, expect, it } from 'vitest';
import { complete } from '../../../server/src/core/features/complete';
import { analyze } from '../../../server/src/core/index';

/** Completion at the `|` of a text: the labels proposed. */
function labelsAt(textWithCaret: string): string[] {
  const offset = textWithCaret.indexOf('|');
  const text = textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 1);
  return complete(analyze(text), offset).map((i) => i.label);
}

describe('completion re-parses a bounded context, whatever the size of the section around the cursor', () => {
  it('on a top-level key of a file with 20,000 functions: the keys not written yet', () => {
    const functions = Array.from({ length: 20_000 }, (_, i) => `  fn${i}: { memory: 128 }`).join('\n');
    const labels = labelsAt(`archflow: 1\nname: big\n|\nconsumers:\n${functions}\n`);
    expect(labels).toContain('producers');
    expect(labels).toContain('routers');
    expect(labels).not.toContain('consumers');
    expect(labels).not.toContain('name');
  });

  it('inside a function whose environment has 3,000 entries: its properties, without the ones written', () => {
    const env = Array.from({ length: 3000 }, (_, i) => `      VAR_${i}: value`).join('\n');
    const labels = labelsAt(`archflow: 1\nname: big\nconsumers:\n  worker:\n    memory: 256\n    environment:\n${env}\n    |\n`);
    expect(labels).toContain('timeout');
    expect(labels).not.toContain('memory');
    expect(labels).not.toContain('environment');
  });

  it('a value in a rule of a queue router 3,000 lines down its section keeps the router\'s type', () => {
    const padding = Array.from({ length: 3000 }, (_, i) => `  q${i}: { type: queue, to: worker }`).join('\n');
    const labels = labelsAt(`archflow: 1\nname: big\nrouters:\n${padding}\n  last:\n    type: queue\n    fifo: |\nconsumers:\n  worker: {}\n`);
    expect(labels).toEqual(['true', 'false']);
  });
});
