import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { analyze } from '../../core/index';
import type { ChangeSummary, DeployEvent } from '../../deploy/deploy';
import { changeLines, failureText } from '../../deploy/describe';
import { loadDeploy } from '../../deploy/load';
import { defaultOutDir } from '../../project/index';
import type { Command, Output } from '../command';
import { encodingProblems, fastYamlOption, LineIndex, readText, UsageError } from '../io';
import { forcedPaths, printRefused } from '../project-report';

const TARGET_OPTIONS = {
  stack: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  yes: { type: 'boolean', short: 'y', default: false },
  out: { type: 'string', short: 'o' },
} as const;

function progressPrinter(out: Output): (e: DeployEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'step': out.log(`• ${e.message}`); break;
      case 'log': out.log(`  ${e.line}`); break;
      case 'upload': out.log(`  ${e.uploaded ? 'uploaded' : 'unchanged'} ${e.function} (${(e.bytes / 1024).toFixed(1)} KB) → ${e.key}`); break;
      case 'changes': for (const l of changeLines(e.summary)) out.log(l); break;
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

/** The target the options name (the file's region is added by the deploy). */
function given(values: { region?: string; profile?: string; endpoint?: string }): { region?: string; profile?: string; endpoint?: string } {
  return { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}), ...(values.endpoint ? { endpoint: values.endpoint } : {}) };
}

export const deployCommand: Command = {
  usage: 'archflow deploy <file.arch.yaml> [--stack NAME] [--region R] [--profile P] [--endpoint URL] [--out DIR] [--force=<path>…] [--yes]',
  summary: 'Generate, build, package and deploy through a CloudFormation change set.',
  async run(argv, out) {
    const { DeployError, ReplaceRefused, deployArchitecture } = await loadDeploy();
    const forced = forcedPaths(argv);
    const { values, positionals } = parseArgs({ args: forced.argv, allowPositionals: true, options: TARGET_OPTIONS });
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
    const outDir = resolve(values.out ?? defaultOutDir(file, analysis.graph.name));
    const controller = new AbortController();
    const onSigint = (): void => {
      out.err('\nCancelling…');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      out.log(`• Preparing ${outDir}`);
      const result = await deployArchitecture({
        analysis, outDir, stackName, target: given(values), signal: controller.signal, replace: forced.replace,
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
          const where = result.span ? index.position(result.span.start) : { line: 1, column: 1 };
          out.err(`${file}:${where.line}:${where.column} error deploy/failed ${failureText(result.failure, result.stackStatus)}`);
          out.err(`✘ Deploy failed: stack ${stackName} is ${result.stackStatus}${result.rolledBack ? ' (rolled back)' : ''}.`);
          return 1;
        }
      }
    } catch (err) {
      if (err instanceof ReplaceRefused) {
        printRefused('deploy', err.files, err.outDir, out);
        return 1;
      }
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
    const { DeployError, destroy, targetOf } = await loadDeploy();
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
      const r = await destroy({ stackName: s.stackName, target: targetOf(given(values), s.region), host: { report: progressPrinter(out), confirm: async () => true } });
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
    const { DeployError, stackOutputs, targetOf } = await loadDeploy();
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...TARGET_OPTIONS, format: { type: 'string', default: 'text' } } });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const s = stackOf(positionals[0]!, values);
    if (!s) {
      out.err(`archflow outputs: cannot read the stack name from ${positionals[0]}; pass --stack`);
      return 2;
    }
    try {
      const outputs = await stackOutputs({ stackName: s.stackName, target: targetOf(given(values), s.region) });
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
