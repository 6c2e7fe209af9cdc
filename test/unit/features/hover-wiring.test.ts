import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSummary } from '../../../server/src/core/features/hover';
import { analyze } from '../../../server/src/core/index';

const text = readFileSync(resolve(__dirname, '../../../examples/function-wiring.arch.yaml'), 'utf8');

describe('hover on function wiring', () => {
  const { graph } = analyze(text);

  it('lists the functions a function invokes, and its function URL', () => {
    expect(nodeSummary(graph, 'webhook')).toBe([
      '**function** `webhook` · consumer',
      '',
      "Checks the provider's signature, prices the payment and queues it for the ledger.",
      '',
      'runtime `nodejs24.x` · memory 512 MB · timeout 10 s · architecture `arm64` · function URL auth `none`',
      '',
      '**Inbound** (1)',
      '- ← HTTPS callers through its function URL (public: auth `none`)',
      '',
      '**Outbound** (2)',
      '- → `pricing` (invokes)',
      '- → `ledger` (invokes, event PaymentReceived)',
    ].join('\n'));
  });

  it('says a function URL signed with IAM is its way in, and a function without one has none', () => {
    const { graph: g } = analyze(['archflow: 1', 'name: t', 'consumers:', '  signed: { url: { auth: iam } }', '  defaulted: { url: {} }', '  alone: {}'].join('\n'));
    expect(nodeSummary(g, 'signed')).toContain('**Inbound** (1)\n- ← HTTPS callers through its function URL (signed requests: auth `iam`)');
    expect(nodeSummary(g, 'defaulted')).toContain('**Inbound** (1)\n- ← HTTPS callers through its function URL (signed requests: auth `iam`)');
    expect(nodeSummary(g, 'alone')).toContain('**Inbound** (0)\n- none');
  });

  it('lists both destinations of a function, and the function that invokes it', () => {
    const summary = nodeSummary(graph, 'ledger')!;
    expect(summary).toContain('- ← `webhook` (invokes, event PaymentReceived)');
    expect(summary).toContain('- → `receipts` (on success)');
    expect(summary).toContain('- → `ledger-failures` (on failure)');
  });
});
