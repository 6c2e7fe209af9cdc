// How deploy events read, for the CLI and the language server alike (one place for the wording).
import type { ChangeSummary, DeployEvent, ResourceFailure } from './deploy';

/** One line for a notification or a confirmation question: `Update stack orders: 0 to add, 1 to modify.` */
export function changeHeadline(s: ChangeSummary): string {
  const parts = [`${s.add.length} to add`, `${s.modify.length} to modify`];
  if (s.replace.length) parts.push(`${s.replace.length} to REPLACE (${s.replace.map((c) => c.node ?? c.logicalId).join(', ')})`);
  if (s.remove.length) parts.push(`${s.remove.length} to REMOVE (${s.remove.map((c) => c.node ?? c.logicalId).join(', ')})`);
  return `${s.create ? 'Create' : 'Update'} stack ${s.stack}: ${parts.join(', ')}.`;
}

/** The change set as a person reviews it on a terminal: a count line, then one line per resource, replacements and removals called out. */
export function changeLines(s: ChangeSummary): string[] {
  const line = (sign: string, c: { logicalId: string; type: string; node?: string }, note = ''): string =>
    `  ${sign} ${c.logicalId} (${c.type})${c.node ? ` — ${c.node}` : ''}${note}`;
  return [
    `Changes to ${s.create ? 'create' : 'update'} stack ${s.stack}: ${s.add.length} to add, ${s.modify.length} to modify, ${s.replace.length} to replace, ${s.remove.length} to remove`,
    ...s.add.map((c) => line('+', c)),
    ...s.modify.map((c) => line('~', c)),
    ...s.replace.map((c) => line('!', c, `  REPLACED${c.replacement === 'Conditional' ? ' (possibly)' : ''}: its data and physical ID may be lost`)),
    ...s.remove.map((c) => line('-', c, '  REMOVED')),
  ];
}

/** The confirmation question of a change set. */
export function changeQuestion(s: ChangeSummary): string {
  const risky = s.replace.length + s.remove.length > 0;
  return `${changeHeadline(s)}${risky ? ' Replaced resources lose their data and physical IDs.' : ''} Deploy?`;
}

/** A failed resource in one line: `WorkerFunction (AWS::Lambda::Function): <CloudFormation's reason>`. */
export function failureText(f: ResourceFailure | undefined, stackStatus: string): string {
  return f ? `${f.logicalId}${f.resourceType ? ` (${f.resourceType})` : ''}: ${f.reason}` : stackStatus;
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
