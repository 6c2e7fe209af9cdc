/**
 * CloudFormation values: intrinsic functions and the small readers templates use. A leaf module
 * (kind modules import it), so it imports nothing of the graph or the registry.
 */
import type { Obj } from '../util/value';

/** A CloudFormation value: a literal or an intrinsic function. */
export type Cfn = unknown;

/** `{ Ref: id }` */
export const ref = (id: string): Cfn => ({ Ref: id });
/** `{ 'Fn::GetAtt': [id, attribute] }` */
export const getAtt = (id: string, attribute: string): Cfn => ({ 'Fn::GetAtt': [id, attribute] });
/** `{ 'Fn::Sub': text }` */
export const sub = (text: string): Cfn => ({ 'Fn::Sub': text });

/** Drops undefined values so the template only says what is set. */
export const compact = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Whole seconds of a duration in seconds (CloudFormation takes integers). */
export const wholeSeconds = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s));

/** A non-empty string, else undefined (an empty setting is not written to the template). */
export const nonEmpty = (s: string | undefined): string | undefined => (s ? s : undefined);

/** `${AWS::StackName}-<name>` made safe for queue and topic names, with `.fifo` for FIFO ones. */
/**
 * The first group of the stack's ID (`arn:…:stack/<name>/<uuid>`): 8 lowercase hexadecimal digits
 * that differ between stacks, for physical names that must be lowercase (buckets), where the stack's
 * name (which may hold capitals) cannot be used. Two stacks of one architecture never share it, nor
 * does a stack deployed again after a destroy that kept its retained resources. Within a nested
 * stack it would be the nested stack's own ID, so the split (stacks.ts) replaces it there with the
 * parent's key, passed as the parameter `STACK_KEY_PARAMETER`: every stack builds the same names.
 */
export const STACK_KEY: Cfn = { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] };

export const fifoName = (name: string, suffix = ''): Cfn =>
  sub(`\${AWS::StackName}-${name.replace(/\.fifo$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}${suffix}.fifo`);

/** The trust policy letting a service assume a role. */
export const trust = (principal: string): Obj => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }],
});

/**
 * The deletion and update-replace policies of a resource holding data (a table, a bucket, a stream,
 * a queue): `Retain` unless its node opts out with `retain: false` (then `Delete`, written out so the
 * template says it). None of these resource types supports `Snapshot` (CloudFormation takes
 * snapshots only of volumes, caches and databases), so keeping the resource is the only way to keep
 * its data. Removing or replacing one still needs its own confirmation at deploy (docs/deploy.md).
 */
export function dataPolicies(config: Obj): { DeletionPolicy: 'Retain' | 'Delete'; UpdateReplacePolicy: 'Retain' | 'Delete' } {
  const policy = config.retain === false ? 'Delete' : 'Retain';
  return { DeletionPolicy: policy, UpdateReplacePolicy: policy };
}
