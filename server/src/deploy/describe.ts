// How deploy events read, for the CLI and the language server alike (one place for the wording).
import type { DeployEvent, ResourceFailure } from './deploy';
import type { ChangeSummary, ResourceChange } from './preview';

/** What a resource that holds data is called (`table`), from its CloudFormation type. */
const DATA_WORDS: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'table', 'AWS::S3::Bucket': 'bucket', 'AWS::Kinesis::Stream': 'stream', 'AWS::SQS::Queue': 'queue',
};
const word = (c: ResourceChange): string => DATA_WORDS[c.type] ?? 'resource';
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** One line for a notification or a confirmation question: `Update stack orders: 0 to add, 1 to modify.` */
export function changeHeadline(s: ChangeSummary): string {
  const parts = [`${s.add.length} to add`, `${s.modify.length} to modify`];
  if (s.replace.length) parts.push(`${s.replace.length} to REPLACE (${s.replace.map((c) => c.node ?? c.logicalId).join(', ')})`);
  if (s.remove.length) parts.push(`${s.remove.length} to REMOVE (${s.remove.map((c) => c.node ?? c.logicalId).join(', ')})`);
  return `${s.create ? 'Create' : 'Update'} stack ${s.stack}: ${parts.join(', ')}.`;
}

/** What happens to a resource that holds data and leaves the stack, after its sign line. */
function dataLossNote(c: ResourceChange): string {
  const w = word(c);
  if (c.action === 'replace') {
    return `REPLACED, DATA LOSS: a new, empty ${w} replaces it; ${c.fate === 'retained' ? 'the old one is kept in your account, outside the stack' : 'the old one is DELETED with its data'}`;
  }
  return c.fate === 'retained' ? 'REMOVED, DATA LOSS: it leaves the stack; it is kept in your account with its data, but nothing uses it any more' : 'REMOVED, DATA LOSS: it is DELETED with its data';
}

/** The change set as a person reviews it on a terminal: a count line, one line per resource and one per property that changes. */
export function changeLines(s: ChangeSummary): string[] {
  const out = [`Changes to ${s.create ? 'create' : 'update'} stack ${s.stack}: ${s.add.length} to add, ${s.modify.length} to modify, ${s.replace.length} to replace, ${s.remove.length} to remove`];
  const line = (sign: string, c: ResourceChange, note = ''): void => {
    out.push(`  ${sign} ${c.logicalId} (${c.type})${c.node ? ` — ${c.node}` : ''}${note ? `  ${note}` : ''}`);
    if (c.action === 'add') return;
    for (const p of c.properties) {
      const value = p.before !== undefined && p.after !== undefined ? `${p.before} → ${p.after}` : p.after !== undefined ? `+ ${p.after}` : p.before !== undefined ? `- ${p.before}` : 'changes';
      out.push(`      ${p.path}: ${value}${p.replaces === true ? '  (replaces)' : p.replaces === 'maybe' ? '  (may replace)' : ''}`);
    }
  };
  for (const c of s.add) line('+', c);
  for (const c of s.modify) line('~', c);
  for (const c of s.replace) line('!', c, c.dataLoss ? dataLossNote(c) : `REPLACED${c.replacement === 'Conditional' ? ' (possibly)' : ''}: a new resource with a new physical ID`);
  for (const c of s.remove) line('-', c, c.dataLoss ? dataLossNote(c) : 'REMOVED');
  return out;
}

/** The confirmation question of a change set. */
export function changeQuestion(s: ChangeSummary): string {
  const lost = s.dataLoss.length ? ` ${plural(s.dataLoss.length, 'resource holding data leaves', 'resources holding data leave')} the stack (${s.dataLoss.map((c) => c.node ?? c.logicalId).join(', ')}).` : '';
  return `${changeHeadline(s)}${lost} Deploy?`;
}

/** What happens to one resource that holds data, in a sentence. */
export function dataLossText(c: ResourceChange): string {
  const what = `${word(c)} ${c.node ? `'${c.node}' (${c.logicalId})` : c.logicalId}`;
  if (c.action === 'replace') return `${what} is replaced by a new, empty one; ${c.fate === 'retained' ? 'the old one is kept in your account, outside the stack' : 'the old one is deleted with its data'}`;
  return c.fate === 'retained' ? `${what} leaves the stack: it is kept in your account with its data, but nothing uses it any more` : `${what} is deleted with its data`;
}

/** The separate question a deploy that loses data asks (VS Code: a modal; the CLI: `--allow-data-loss`). */
export function dataLossQuestion(s: ChangeSummary): string {
  return `This deploy loses data: ${s.dataLoss.map(dataLossText).join('; ')}. Deploy anyway?`;
}

/**
 * A failed resource in one line: `WorkerFunction (AWS::Lambda::Function): <CloudFormation's reason>`,
 * `… (AWS::Lambda::Function) in nested stack Part1: …` inside one.
 */
export function failureText(f: ResourceFailure | undefined, stackStatus: string): string {
  return f ? `${f.logicalId}${f.resourceType ? ` (${f.resourceType})` : ''}${f.stack ? ` in nested stack ${f.stack}` : ''}: ${f.reason}` : stackStatus;
}

/** A deploy event as one line of the language server's log (the CLI prints its own, terser progress). */
export function logLine(e: DeployEvent): string {
  switch (e.type) {
    case 'step': return e.message;
    case 'log': return e.line;
    case 'upload': return `${e.uploaded ? 'uploaded' : 'unchanged'} ${e.function} → ${e.key}`;
    case 'changes': return changeHeadline(e.summary);
    case 'stack': return `stack ${e.status}${e.reason ? `: ${e.reason}` : ''}`;
    case 'resource': return `${e.status} ${e.logicalId}${e.node ? ` (${e.node})` : ''}${e.reason ? `: ${e.reason}` : ''}`;
  }
}
