// The editor on the broker sources (kinds `kafka`, `mq`, `docdb`): completion of their readers and of
// their type words, hover on a node and on a field, rename of a reader.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complete } from '../../../server/src/core/features/complete';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { hover, nodeSummary } from '../../../server/src/core/features/hover';
import { rename } from '../../../server/src/core/features/rename';
import { analyze } from '../../../server/src/core/index';

const TEXT = readFileSync(resolve(__dirname, '../../fixtures/codegen/brokers.arch.yaml'), 'utf8');

describe('editing kafka, mq and docdb sources', () => {
  it('completes a reader with the file\'s functions, and the kinds in `type` of a producer', () => {
    const text = TEXT.replace('to: { function: billing, batchSize: 10 }', 'to: { function: |, batchSize: 10 }');
    const offset = text.indexOf('|');
    const clean = text.slice(0, offset) + text.slice(offset + 1);
    expect(complete(analyze(clean), offset).map((i) => i.label).sort()).toEqual(['audit', 'billing', 'sync']);
    const typed = TEXT.replace('    type: mq\n', '    type: |\n');
    const at = typed.indexOf('|');
    const labels = complete(analyze(typed.slice(0, at) + typed.slice(at + 1)), at).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['kafka', 'mq', 'docdb']));
  });

  it('hovers a node with its settings and readers, and a field with its documentation and limit', () => {
    const { graph } = analyze(TEXT);
    expect(nodeSummary(graph, 'orders')).toBe([
      '**Kafka topic** `orders` · producer',
      '',
      'cluster `arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1` · topic `orders` · auth `SASL_SCRAM_512_AUTH` · secret `arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-kafka-AbCdEf`',
      '',
      '**Inbound** (0)',
      '- none',
      '',
      '**Outbound** (2)',
      '- → `billing` (event source mapping)',
      '- → `audit` (event source mapping)',
    ].join('\n'));
    const field = hover(analyze(TEXT), TEXT.indexOf('consumerGroup') + 2)!;
    expect(field.markdown).toContain('The Kafka consumer group of this function (`ConsumerGroupId`).');
    const batch = hover(analyze(TEXT), TEXT.indexOf('batchSize: 500') + 2)!;
    expect(batch.markdown).toContain('AWS range **1–10,000**, default **100**');
  });

  it('renames a reader in every source that names it', () => {
    const a = analyze(TEXT);
    const r = rename(a, TEXT.indexOf('  audit: {') + 3, 'auditor');
    if ('error' in r) throw new Error(r.error);
    const after = applyEdits(TEXT, [...r.edits]);
    expect(after.match(/function: auditor/g)?.length).toBe(2);
    expect(after).not.toMatch(/function: audit\b/);
    expect(analyze(after).problems).toEqual([]);
  });
});
