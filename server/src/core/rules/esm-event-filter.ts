// Rule: esm/event-filter
// A queue, stream or table reader's `filter` (Lambda event filtering) is a pattern Lambda accepts, uses
// only the operators Lambda supports, and can match a record of its source: fields a record has, and
// for a table the images its stream view type carries.
import { compilePattern, validatePattern, type Field } from '../eventbridge/pattern';
import type { GraphEdge, GraphNode } from '../model/graph';
import type { Pointer } from '../span';
import { isObj, setValue, sourceLabel } from './helpers';
import type { Report, Rule } from './rule';

/** The field a source's records carry their payload in, and the other top-level fields of a record. */
const RECORD: Readonly<Record<'queue' | 'stream' | 'table', { data: string; what: string; fields: ReadonlySet<string> }>> = {
  queue: {
    data: 'body', what: 'SQS messages',
    fields: new Set(['body', 'messageId', 'receiptHandle', 'attributes', 'messageAttributes', 'md5OfBody', 'md5OfMessageAttributes', 'eventSource', 'eventSourceARN', 'awsRegion']),
  },
  stream: {
    data: 'data', what: 'Kinesis records',
    fields: new Set(['data', 'partitionKey', 'sequenceNumber', 'approximateArrivalTimestamp', 'kinesisSchemaVersion', 'encryptionType', 'eventSource', 'eventVersion', 'eventID', 'eventName', 'invokeIdentityArn', 'awsRegion', 'eventSourceARN']),
  },
  table: {
    data: 'dynamodb', what: 'DynamoDB stream records',
    fields: new Set(['dynamodb', 'eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'eventSourceARN', 'userIdentity']),
  },
};

/** Which images a table stream view type carries. */
const IMAGES: Readonly<Record<string, ReadonlySet<string>>> = {
  KEYS_ONLY: new Set(),
  NEW_IMAGE: new Set(['NewImage']),
  OLD_IMAGE: new Set(['OldImage']),
  NEW_AND_OLD_IMAGES: new Set(['NewImage', 'OldImage']),
};

/** EventBridge operators Lambda's filter syntax does not have, with where they are written. */
function unsupportedOperators(pattern: Readonly<Record<string, unknown>>, at: Pointer, out: { at: Pointer; what: string }[]): void {
  for (const [key, value] of Object.entries(pattern)) {
    const here = at.concat(key);
    if (key === '$or') {
      out.push({ at: here, what: '`$or`' });
      if (Array.isArray(value)) value.forEach((branch, i) => isObj(branch) && unsupportedOperators(branch, here.concat(i), out));
    } else if (isObj(value)) {
      unsupportedOperators(value, here, out);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (!isObj(item)) return;
        for (const op of Object.keys(item)) {
          if (op === 'wildcard' || op === 'cidr') out.push({ at: here.concat(i, op), what: `\`${op}\`` });
          else if (op === 'anything-but' && isObj(item[op])) out.push({ at: here.concat(i, op), what: `\`anything-but\` with \`${Object.keys(item[op]).join('`, `')}\`` });
        }
      });
    }
  }
}

/** Whether a field of a compiled branch is satisfied when the event lacks it (`exists: false`). */
const allowsAbsence = (f: Field): boolean => f.matchers.some((m) => m.kind === 'exists' && !m.value);

/** The first field of a branch no record can have (`missing` decides), unless it accepts absence. */
function impossibleField(branch: readonly Field[], missing: (path: string) => boolean): Field | undefined {
  return branch.find((f) => missing(f.path) && !allowsAbsence(f));
}

export const esmEventFilter: Rule = {
  code: 'esm/event-filter',
  severity: 'warning',
  description: "A queue, stream or table reader's `filter` is a pattern Lambda accepts (error), without operators Lambda's filter syntax lacks (`wildcard`, `cidr`, `$or`, `anything-but` with an operator: error), and it can match a record: fields SQS, Kinesis or DynamoDB records have (`body`, `data`, `dynamodb`, …), and images the table's stream carries (warning).",
  why: "Lambda checks the filter when it creates the event source mapping and refuses patterns it cannot read. A filter that can never match deploys fine, and then Lambda drops every record, unseen by the function: typically a field written at the top level instead of under `body` (SQS), `data` (Kinesis) or `dynamodb` (DynamoDB), or a filter on `NewImage` while the table stream carries only keys.",
  source: { title: 'Control which events Lambda sends to your function (event filtering)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html' },
  fix: "Nests the filter under the record's payload field (`body`, `data` or `dynamodb`); for a table image the stream does not carry, sets the table's `stream` to `NEW_AND_OLD_IMAGES`.",
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if ((edge.mechanism !== 'queue-mapping' && edge.mechanism !== 'stream-mapping') || !isObj(edge.options.filter)) continue;
      const source = graph.nodes.get(edge.from);
      if (!source || (source.kind !== 'queue' && source.kind !== 'stream' && source.kind !== 'table')) continue;
      checkFilter(edge, source, edge.options.filter, report);
    }
  },
};

function checkFilter(edge: GraphEdge, source: GraphNode, filter: Readonly<Record<string, unknown>>, report: (r: Report) => void): void {
  const at = edge.optionsAt.concat('filter');
  const nodes = [source.id, edge.to];
  const subject = `The filter of '${edge.to}' on ${sourceLabel(source)}`;
  // 1. Patterns Lambda cannot read (the size quota aside: Lambda's differs from EventBridge's).
  const errors = validatePattern(filter, { maxChars: Number.POSITIVE_INFINITY });
  for (const e of errors) report({ at: at.concat(e.at), nodes, severity: 'error', message: `${subject} is not a valid filter pattern: ${e.reason.replace(/\.?$/, '.')}` });
  if (errors.length > 0) return;
  const unsupported: { at: Pointer; what: string }[] = [];
  unsupportedOperators(filter, at, unsupported);
  for (const u of unsupported) {
    report({
      at: u.at, target: 'key', nodes, severity: 'error',
      message: `${subject} uses ${u.what}, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.`,
    });
  }
  if (unsupported.length > 0) return;
  // 2. Fields no record has: every alternative needs one, so nothing ever matches.
  const kind = source.kind as 'queue' | 'stream' | 'table';
  const record = RECORD[kind];
  const branches = compilePattern(filter, { maxChars: Number.POSITIVE_INFINITY }).branches;
  const top = (path: string): string => path.split('.')[0]!;
  const unknown = branches.map((b) => impossibleField(b, (p) => !record.fields.has(top(p))));
  if (branches.length > 0 && unknown.every(Boolean)) {
    const field = top(unknown[0]!.path);
    const allData = Object.keys(filter).every((k) => !record.fields.has(k) && k !== '$or');
    report({
      at: at.concat(unknown[0]!.at.slice(0, 1)), target: 'key', nodes,
      message: `${subject} tests \`${field}\`, which ${record.what} do not have: Lambda filters their content under \`${record.data}\`, so this filter never matches and Lambda drops every record. Write it under \`${record.data}\`.`,
      ...(allData ? { fix: { kind: 'wrap-value', title: `Filter on '${record.data}'`, at, key: record.data } } : {}),
    });
    return;
  }
  // 3. A table image its stream does not carry.
  const view = source.kind === 'table' ? source.settings.stream : undefined;
  const carried = view !== undefined ? IMAGES[view] : undefined;
  if (!carried) return;
  const image = (path: string): string | undefined => {
    const [first, second] = path.split('.');
    return first === 'dynamodb' && (second === 'NewImage' || second === 'OldImage') ? second : undefined;
  };
  const missing = branches.map((b) => impossibleField(b, (p) => image(p) !== undefined && !carried.has(image(p)!)));
  if (branches.length === 0 || !missing.every(Boolean)) return;
  const field = missing[0]!;
  report({
    at: at.concat(field.at.slice(0, 2)), target: 'key', nodes,
    message: `${subject} tests \`dynamodb.${image(field.path)}\`, but the stream of table '${source.id}' is ${view}: no record carries that image, so the filter never matches and Lambda drops every record.`,
    fix: setValue(source.pointer.concat('stream'), 'NEW_AND_OLD_IMAGES', `Set the stream of '${source.id}' to NEW_AND_OLD_IMAGES`),
  });
}
