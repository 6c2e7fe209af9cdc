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
export const fifoName = (name: string, suffix = ''): Cfn =>
  sub(`\${AWS::StackName}-${name.replace(/\.fifo$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}${suffix}.fifo`);

/** The trust policy letting a service assume a role. */
export const trust = (principal: string): Obj => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }],
});
