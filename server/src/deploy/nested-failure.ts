/**
 * A failure inside a nested stack, reported against the node it comes from. CloudFormation reports
 * a nested stack's failure in the parent's events only as the nested stack's own (`Part1
 * CREATE_FAILED: Embedded stack arn:… was not successfully created: The following resource(s)
 * failed to create: [OrdersTable]`); the resource that failed, and why, are in the nested stack's
 * events. Those are read (`DescribeStackEvents` on the nested stack's ID, which also answers once a
 * rollback has deleted it), and the first resource that failed there is the failure, named by its
 * logical ID, its node and the nested stack holding it.
 */
import { DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import type { AwsClients } from './aws';
import type { ResourceFailure } from './deploy';

const NESTED = 'AWS::CloudFormation::Stack';
/** Pages of a nested stack's events read at most (100 events each, newest first). */
const MAX_PAGES = 10;
/** Nested stacks inside nested stacks followed at most. */
const MAX_DEPTH = 3;

/** The first failure of a resource among a stack's events (newest first, as `DescribeStackEvents` lists them). */
export function firstResourceFailure(
  events: readonly StackEvent[], nodes: Readonly<Record<string, string>>, stack: string, since?: Date,
): (ResourceFailure & { readonly status: string; readonly nestedStackId?: string }) | undefined {
  for (const e of [...events].reverse()) {
    if (!e.LogicalResourceId || !e.ResourceStatus || !/_FAILED$/.test(e.ResourceStatus)) continue;
    if (since && e.Timestamp && e.Timestamp.getTime() < since.getTime()) continue;
    // The stack's own event (its ID is its physical ID): it only repeats what its resources said.
    if (e.ResourceType === NESTED && e.PhysicalResourceId !== undefined && e.PhysicalResourceId === e.StackId) continue;
    const reason = e.ResourceStatusReason ?? e.ResourceStatus;
    // Resources CloudFormation stopped because another failed are not the cause.
    if (/cancelled/i.test(reason)) continue;
    const node = nodes[e.LogicalResourceId];
    return {
      logicalId: e.LogicalResourceId, status: e.ResourceStatus, reason, stack, ...(node ? { node } : {}), ...(e.ResourceType ? { resourceType: e.ResourceType } : {}),
      ...(e.ResourceType === NESTED && e.PhysicalResourceId ? { nestedStackId: e.PhysicalResourceId } : {}),
    };
  }
  return undefined;
}

/**
 * The resource that failed inside nested stack `logicalId` (physical ID `stackId`) since `since`,
 * following nested stacks inside it; undefined when its events name none (the nested stack's
 * failure is then the failure).
 */
export async function nestedFailure(
  aws: AwsClients, logicalId: string, stackId: string, nodes: Readonly<Record<string, string>>, since: Date, depth = 0,
): Promise<(ResourceFailure & { readonly status: string }) | undefined> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await aws.cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackId, ...(token ? { NextToken: token } : {}) }));
    events.push(...(r.StackEvents ?? []));
    token = r.NextToken;
    const oldest = events[events.length - 1]?.Timestamp;
    if (!token || (oldest && oldest.getTime() < since.getTime())) break;
  }
  const found = firstResourceFailure(events, nodes, logicalId, since);
  if (!found) return undefined;
  const { nestedStackId, ...failure } = found;
  if (nestedStackId && depth < MAX_DEPTH) return (await nestedFailure(aws, found.logicalId, nestedStackId, nodes, since, depth + 1)) ?? failure;
  return failure;
}
