/**
 * SNS subscription filter policies (subscription-filter-policy-constraints.html; N3, N4), matched with
 * the EventBridge pattern engine: SNS evaluates policies with the same matching rules (exact values,
 * `prefix`, `suffix`, `anything-but`, `numeric`, `exists`, `cidr`, `equals-ignore-case`, `$or`).
 *
 * - scope `MessageAttributes` (the default): the policy is matched against the message's attributes,
 *   each as its value: a `String` as text, a `Number` as a number, a `String.Array` as its elements;
 *   a message without attributes matches no policy that needs one;
 * - scope `MessageBody`: the policy is matched against the message body parsed as JSON; a body that is
 *   not a JSON object matches nothing.
 */
import { compilePattern } from '../eventbridge/pattern';
import type { Attributes } from './types';

/** Whether a message passes a subscription's filter. */
export type FilterMatcher = (body: unknown, attributes: Attributes | undefined) => boolean;

/** The attributes as the fields a policy tests. */
export function attributeFields(attributes: Attributes | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!attributes) return out;
  for (const [name, a] of Object.entries(attributes)) {
    if (a.type === 'Number') {
      const n = Number(a.value);
      out[name] = Number.isFinite(n) ? n : a.value;
    } else if (a.type === 'String.Array') {
      try {
        const v: unknown = JSON.parse(a.value);
        out[name] = Array.isArray(v) ? v : a.value;
      } catch {
        out[name] = a.value;
      }
    } else out[name] = a.value;
  }
  return out;
}

/** The body as a JSON object, or undefined. */
function bodyObject(body: unknown): unknown {
  if (typeof body === 'string') {
    try {
      const v: unknown = JSON.parse(body);
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : undefined;
}

/** Compiles a filter policy once; an invalid policy matches nothing (SNS would have refused it: `sns/filter-syntax`). */
export function compileFilterPolicy(policy: unknown, scope: 'attributes' | 'body'): FilterMatcher {
  // An empty policy lets everything through.
  if (typeof policy === 'object' && policy !== null && !Array.isArray(policy) && Object.keys(policy).length === 0) return () => true;
  // SNS allows policies up to 256 KB (N3), far above EventBridge's pattern quota.
  const compiled = compilePattern(policy, { maxChars: Number.MAX_SAFE_INTEGER });
  if (scope === 'body') {
    return (body) => {
      const o = bodyObject(body);
      return o !== undefined && compiled.match(o);
    };
  }
  return (_body, attributes) => compiled.match(attributeFields(attributes));
}
