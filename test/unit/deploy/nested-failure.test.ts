import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import { failureText } from '../../../server/src/deploy/describe';
import { firstResourceFailure } from '../../../server/src/deploy/nested-failure';
import { ROOT } from '../../helpers/codegen';

/** Recorded shapes (test/fixtures/deploy/README.md), with `Timestamp` as the SDK gives it: a Date. */
function events(which: 'parent' | 'nested'): StackEvent[] {
  const all = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/deploy/nested-stack-failure.json'), 'utf8')) as Record<string, (Omit<StackEvent, 'Timestamp'> & { Timestamp: string })[]>;
  return all[which]!.map((e) => ({ ...e, Timestamp: new Date(e.Timestamp) }));
}

const nodes = { F12Function: 'f12', F12Role: 'f12', F13Function: 'f13' };

describe('a failure inside a nested stack is reported against the node, not the nested stack', () => {
  it('the parent\'s events name only the nested stack', () => {
    const f = firstResourceFailure(events('parent'), nodes, '');
    expect(f).toEqual({
      logicalId: 'Part1', status: 'CREATE_FAILED', stack: '', resourceType: 'AWS::CloudFormation::Stack',
      reason: expect.stringMatching(/^Embedded stack arn:aws:cloudformation:eu-west-1:123456789012:stack\/wide-Part1-7DW59NE2GVAK\/\S+ was not successfully created: The following resource\(s\) failed to create: \[F12Function\]\. $/),
      nestedStackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/wide-Part1-7DW59NE2GVAK/e7a068f0-198f-11ec-aa73-02f20e17bf6a',
    });
  });

  it('the nested stack\'s events name the resource, its node and the reason; neither the nested stack\'s own event nor a cancelled neighbour', () => {
    const f = firstResourceFailure(events('nested'), nodes, 'Part1');
    expect(f).toEqual({
      logicalId: 'F12Function', status: 'CREATE_FAILED', stack: 'Part1', node: 'f12', resourceType: 'AWS::Lambda::Function',
      reason: 'Resource handler returned message: "The role defined for the function cannot be assumed by Lambda. (Service: Lambda, Status Code: 400, Request ID: 5f1c8f7e-3b0a-4c52-9a0e-2f3c1d9e8b71)" (RequestToken: 8c0b2a1e-6d4f-4e7a-b1c3-0f9e8d7c6b5a, HandlerErrorCode: InvalidRequest)',
    });
    const { status: _status, ...failure } = f!;
    expect(failureText(failure, 'ROLLBACK_COMPLETE')).toBe(`F12Function (AWS::Lambda::Function) in nested stack Part1: ${f!.reason}`);
  });

  it('events from before this deploy are not its failure', () => {
    expect(firstResourceFailure(events('nested'), nodes, 'Part1', new Date('2026-12-07T10:26:08.000Z'))).toBeUndefined();
    expect(firstResourceFailure(events('nested'), nodes, 'Part1', new Date('2026-12-07T10:26:07.935Z'))?.logicalId).toBe('F12Function');
  });

  it('a nested stack whose events name no failed resource gives none (the nested stack\'s own failure stands)', () => {
    expect(firstResourceFailure(events('nested').filter((e) => e.LogicalResourceId !== 'F12Function'), nodes, 'Part1')).toBeUndefined();
  });
});
