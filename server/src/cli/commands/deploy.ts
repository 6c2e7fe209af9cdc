import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { analyze, locate } from '../../core/index';
import type * as Aws from '../../deploy/aws';
import type * as Deploy from '../../deploy/deploy';
import type { ChangeSummary, DeployEvent } from '../../deploy/deploy';
import type * as Prepare from '../../deploy/prepare';
import { encodingProblems, fastYamlOption, LineIndex, readText, UsageError } from '../io';
import type { Command, Output } from '../main';
import { defaultOutDir } from './generate';

const TARGET_OPTIONS = {
  stack: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  yes: { type: 'boolean', short: 'y', default: false },
  out: { type: 'string', short: 'o' },
} as const;

/** Prints the change set as a person reviews it: replacements and removals called out. */
export function printChanges(s: ChangeSummary, out: Output): void {
  const line = (sign: string, c: { logicalId: string; type: string; node?: string }, note = ''): void =>
    out.log(`  ${sign} ${c.logicalId} (${c.type})${c.node ? ` — ${c.node}` : ''}${note}`);
  out.log(`Changes to ${s.create ? 'create' : 'update'} stack ${s.stack}: ${s.add.length} to add, ${s.modify.length} to modify, ${s.replace.length} to replace, ${s.remove.length} to remove`);
  for (const c of s.add) line('+', c);
  for (const c of s.modify) line('~', c);
  for (const c of s.replace) line('!', c, `  REPLACED${c.replacement === 'Conditional' ? ' (possibly)' : ''}: its data and physical ID may be lost`);
  for (const c of s.remove) line('-', c, '  REMOVED');
}

function progressPrinter(out: Output): (e: DeployEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'step': out.log(`• ${e.message}`); break;
      case 'upload': out.log(`  ${e.uploaded ? 'uploaded' : 'unchanged'} ${e.function} (${(e.bytes / 1024).toFixed(1)} KB) → ${e.key}`); break;
      case 'changes': printChanges(e.summary, out); break;
      case 'resource': out.log(`  ${e.status.padEnd(22)} ${e.logicalId}${e.node ? ` (${e.node})` : ''}${e.reason && /FAILED/.test(e.status) ? `: ${e.reason}` : ''}`); break;
      case 'stack': out.log(`  stack ${e.status}${e.reason ? `: ${e.reason}` : ''}`); break;
    }
  };
}

async function confirmOnTerminal(s: ChangeSummary, yes: boolean, out: Output): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    out.err('archflow deploy: not a terminal, so not asking: pass --yes to apply these changes.');
    return false;
  }
  const risky = s.replace.length + s.remove.length > 0 ? ` (${s.replace.length} replaced, ${s.remove.length} removed)` : '';
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`Apply these changes${risky}? [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

function target(values: { region?: string; profile?: string; endpoint?: string }, fileRegion?: string): { region?: string; profile?: string; endpoint?: string } {
  const region = values.region ?? fileRegion;
  return { ...(region ? { region } : {}), ...(values.profile ? { profile: values.profile } : {}), ...(values.endpoint ? { endpoint: values.endpoint } : {}) };
}

/** The deploy code and the AWS SDK load when a deploy command runs, not for every command (`archflow lint` starts faster). */
const load = (): Promise<[typeof Aws, typeof Deploy, typeof Prepare]> =>
  Promise.all([import('../../deploy/aws'), import('../../deploy/deploy'), import('../../deploy/prepare')]);

export const deployCommand: Command = {
  usage: 'archflow deploy <file.arch.yaml> [--stack NAME] [--region R] [--profile P] [--endpoint URL] [--out DIR] [--yes]',
  summary: 'Generate, build, package and deploy through a CloudFormation change set.',
  async run(argv, out) {
    const [{ DeployError }, { deploy }, { nodeNamer, prepareProject }] = await load();
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: TARGET_OPTIONS });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const file = positionals[0]!;
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text, fastYamlOption());
    const index = new LineIndex(read.text);
    const errors = [...encodingProblems(read), ...analysis.problems.filter((p) => p.severity === 'error')];
    if (errors.length > 0) {
      for (const p of errors) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} error ${p.code} ${p.message}`);
      }
      out.err(`archflow deploy: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} first.`);
      return 1;
    }
    const stackName = values.stack ?? analysis.graph.name ?? 'archflow';
    const outDir = values.out ?? defaultOutDir(file, analysis.graph.name);
    const controller = new AbortController();
    const onSigint = (): void => {
      out.err('\nCancelling…');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      out.log(`• Preparing ${outDir}`);
      await prepareProject(analysis, outDir, (l) => out.log(`  ${l}`), controller.signal);
      const result = await deploy({
        projectDir: outDir, stackName, target: target(values, analysis.graph.region), signal: controller.signal,
        nodeOf: nodeNamer(analysis.graph.nodes.keys()),
        host: { report: progressPrinter(out), confirm: (s) => confirmOnTerminal(s, values.yes ?? false, out) },
      });
      switch (result.status) {
        case 'deployed':
        case 'no-changes': {
          out.log(result.status === 'deployed' ? `✔ Deployed ${stackName} (${result.uploaded} package${result.uploaded === 1 ? '' : 's'} uploaded, ${result.reused} unchanged)` : `✔ ${stackName} is up to date`);
          const outputs = Object.entries(result.outputs);
          if (outputs.length) out.log('Outputs:');
          for (const [k, v] of outputs) out.log(`  ${k} = ${v}`);
          return 0;
        }
        case 'cancelled':
          out.err(result.stage === 'review' ? 'Not deployed: the changes were not applied.' : 'Cancelled: CloudFormation rolls the stack back.');
          return 1;
        case 'failed': {
          const f = result.failure;
          const node = f?.node ? analysis.graph.nodes.get(f.node) : undefined;
          const where = node ? index.position(locate(analysis.doc.yaml, read.text, node.pointer, 'key').start) : { line: 1, column: 1 };
          out.err(`${file}:${where.line}:${where.column} error deploy/failed ${f ? `${f.logicalId}${f.resourceType ? ` (${f.resourceType})` : ''}: ${f.reason}` : result.stackStatus}`);
          out.err(`✘ Deploy failed: stack ${stackName} is ${result.stackStatus}${result.rolledBack ? ' (rolled back)' : ''}.`);
          return 1;
        }
      }
    } catch (err) {
      if (err instanceof DeployError) {
        out.err(`archflow deploy: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`);
        return 1;
      }
      throw err;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

function stackOf(file: string, values: { stack?: string }): { stackName: string; region?: string } | undefined {
  if (values.stack) return { stackName: values.stack };
  const read = readText(file);
  if ('error' in read) return undefined;
  const g = analyze(read.text, fastYamlOption()).graph;
  return g.name ? { stackName: g.name, ...(g.region ? { region: g.region } : {}) } : undefined;
}

export const destroyCommand: Command = {
  usage: 'archflow destroy <file.arch.yaml> [--stack NAME] [--region R] [--profile P] [--endpoint URL] [--yes]',
  summary: 'Delete the stack of an architecture.',
  async run(argv, out) {
    const [{ DeployError }, { destroy }] = await load();
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: TARGET_OPTIONS });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const s = stackOf(positionals[0]!, values);
    if (!s) {
      out.err(`archflow destroy: cannot read the stack name from ${positionals[0]}; pass --stack`);
      return 2;
    }
    if (!values.yes) {
      out.err(`archflow destroy: this deletes stack ${s.stackName} and every resource in it; pass --yes to confirm.`);
      return 1;
    }
    try {
      const r = await destroy({ stackName: s.stackName, target: target(values, s.region), host: { report: progressPrinter(out), confirm: async () => true } });
      if (r === 'absent') out.log(`Stack ${s.stackName} does not exist: nothing to delete.`);
      else if (r === 'deleted') out.log(`✔ Deleted stack ${s.stackName}`);
      else {
        out.err(`✘ Could not delete ${s.stackName}: ${r.failed}`);
        return 1;
      }
      return 0;
    } catch (err) {
      if (err instanceof DeployError) {
        out.err(`archflow destroy: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`);
        return 1;
      }
      throw err;
    }
  },
};

export const outputsCommand: Command = {
  usage: 'archflow outputs <file.arch.yaml> [--stack NAME] [--region R] [--profile P] [--endpoint URL] [--format text|json]',
  summary: 'Print the outputs of a deployed stack (API URLs, names).',
  async run(argv, out) {
    const [{ DeployError }, { stackOutputs }] = await load();
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...TARGET_OPTIONS, format: { type: 'string', default: 'text' } } });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const s = stackOf(positionals[0]!, values);
    if (!s) {
      out.err(`archflow outputs: cannot read the stack name from ${positionals[0]}; pass --stack`);
      return 2;
    }
    try {
      const outputs = await stackOutputs({ stackName: s.stackName, target: target(values, s.region) });
      if (!outputs) {
        out.err(`Stack ${s.stackName} is not deployed.`);
        return 1;
      }
      if (values.format === 'json') out.log(JSON.stringify(outputs, null, 2));
      else for (const [k, v] of Object.entries(outputs)) out.log(`${k} = ${v}`);
      return 0;
    } catch (err) {
      if (err instanceof DeployError) {
        out.err(`archflow outputs: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`);
        return 1;
      }
      throw err;
    }
  },
};
