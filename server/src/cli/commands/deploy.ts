import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { analyze } from '../../core/index';
import type { ChangeSummary, DeployEvent } from '../../deploy/deploy';
import { changeLines, failureText } from '../../deploy/describe';
import { loadDeploy } from '../../deploy/load';
import { describeLocation, projectLocation, writeIgnoreFile } from '../../project/index';
import type { Command, Output } from '../command';
import { onePositional, parseCommandArgs, type OptionSpec } from '../help';
import { LineIndex, readText, UsageError } from '../io';
import { forcedPaths, printRefused } from '../project-report';

/** Where to deploy: the options deploy, destroy and outputs share. */
const TARGET_OPTIONS: readonly OptionSpec[] = [
  { name: 'stack', type: 'string', value: 'NAME', defaultText: 'the architecture\'s `name`', description: 'CloudFormation stack name.' },
  { name: 'region', type: 'string', value: 'REGION', defaultText: 'the file\'s `region:`, then your AWS profile\'s Region', description: 'AWS Region, e.g. eu-west-1.' },
  { name: 'profile', type: 'string', value: 'NAME', defaultText: 'the default credential chain (environment, AWS_PROFILE, SSO, instance role)', description: 'AWS profile from ~/.aws/config.' },
  { name: 'endpoint', type: 'string', value: 'URL', defaultText: 'real AWS', description: 'Send every AWS call to an emulator, e.g. http://127.0.0.1:5000 for moto_server.' },
];
const YES: OptionSpec = { name: 'yes', short: 'y', type: 'boolean', description: 'Apply without asking (needed when standard input is not a terminal).' };

interface TargetValues { stack?: string; region?: string; profile?: string; endpoint?: string; out?: string; yes?: boolean; format?: string }

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
  usage: 'archflow deploy <file.arch.yaml> [options]',
  summary: 'Generate, build, package and deploy through a CloudFormation change set.',
  args: [{ name: '<file>', description: 'An architecture file without errors.' }],
  options: [
    ...TARGET_OPTIONS,
    { name: 'out', short: 'o', type: 'string', value: 'DIR', defaultText: 'the file\'s `output:`, else .archflow/<name>/ beside the file (git-ignored)', description: 'The generated project\'s folder (as for `archflow generate`).' },
    { name: 'force', type: 'boolean', description: '`--force=<path>` (repeatable, or comma-separated) allows replacing that file of the project although Archflow did not write it or you edited it.' },
    YES,
  ],
  notes: ['Steps: generate, npm install and build, zip and upload changed functions, create a change set, show it, ask, execute, follow the stack\'s events. Ctrl+C cancels (a change set under review is deleted; a running update is rolled back).'],
  examples: [
    { command: 'archflow deploy orders.arch.yaml', what: 'Shows the changes and asks before applying them.' },
    { command: 'archflow deploy orders.arch.yaml --yes --region eu-west-1', what: 'From CI: no question.' },
    { command: 'archflow deploy orders.arch.yaml --endpoint http://127.0.0.1:5000 --yes', what: 'Against a local moto_server.' },
  ],
  exitCodes: '0 deployed or up to date, 1 errors in the file, files not Archflow\'s to replace, declined, cancelled or failed (the failing resource is mapped to its line), 2 bad usage or an unreadable file',
  async run(argv, out) {
    const forced = forcedPaths(argv);
    const { values: v, positionals } = parseCommandArgs(this, forced.argv);
    const values = v as TargetValues;
    const file = onePositional(positionals, 'one architecture file');
    const { DeployError, ReplaceRefused, deployArchitecture } = await loadDeploy();
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text);
    const index = new LineIndex(read.text);
    const errors = analysis.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      for (const p of errors) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} error ${p.code} ${p.message}`);
      }
      out.err(`archflow deploy: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} first.`);
      return 1;
    }
    const stackName = values.stack ?? analysis.graph.name ?? 'archflow';
    const location = projectLocation(file, analysis.doc.value, values.out);
    const outDir = resolve(location.dir);
    const controller = new AbortController();
    const onSigint = (): void => {
      out.err('\nCancelling…');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      out.log(`• ${describeLocation(location, file)}`);
      writeIgnoreFile(location);
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
  const g = analyze(read.text).graph;
  return g.name ? { stackName: g.name, ...(g.region ? { region: g.region } : {}) } : undefined;
}

export const destroyCommand: Command = {
  usage: 'archflow destroy <file.arch.yaml> --yes [options]',
  summary: 'Delete the stack of an architecture.',
  args: [{ name: '<file>', description: 'The architecture file (for the stack name and Region; --stack names the stack without it).' }],
  options: [...TARGET_OPTIONS, { ...YES, description: 'Confirm: the stack and every resource in it (queues, tables, buckets and their data) are deleted.' }],
  examples: [
    { command: 'archflow destroy orders.arch.yaml --yes', what: 'Delete the stack `orders`.' },
    { command: 'archflow destroy orders.arch.yaml --stack orders-staging --yes', what: 'Another stack of the same architecture.' },
  ],
  exitCodes: '0 deleted or not there, 1 not confirmed (no --yes) or the deletion failed, 2 bad usage, or the stack name cannot be read (pass --stack)',
  async run(argv, out) {
    const { values: v, positionals } = parseCommandArgs(this, argv);
    const values = v as TargetValues;
    const file = onePositional(positionals, 'one architecture file');
    const { DeployError, destroy, targetOf } = await loadDeploy();
    const s = stackOf(file, values);
    if (!s) {
      out.err(`archflow destroy: cannot read the stack name from ${file}; pass --stack`);
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
  usage: 'archflow outputs <file.arch.yaml> [options]',
  summary: 'Print the outputs of a deployed stack (API URLs, names).',
  args: [{ name: '<file>', description: 'The architecture file (for the stack name and Region).' }],
  options: [
    ...TARGET_OPTIONS,
    { name: 'format', short: 'f', type: 'string', value: 'text|json', default: 'text', description: 'text: `Name = value` lines; json: an object.' },
  ],
  examples: [
    { command: 'archflow outputs orders.arch.yaml', what: 'e.g. ApiUrl = https://….execute-api.eu-west-1.amazonaws.com' },
    { command: 'archflow outputs orders.arch.yaml --format json | jq -r .ApiUrl', what: 'One value, for scripts.' },
  ],
  exitCodes: '0 printed, 1 the stack is not deployed or AWS refused, 2 bad usage, or the stack name cannot be read (pass --stack)',
  async run(argv, out) {
    const { values: v, positionals } = parseCommandArgs(this, argv);
    const values = v as TargetValues;
    const file = onePositional(positionals, 'one architecture file');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
    const { DeployError, stackOutputs, targetOf } = await loadDeploy();
    const s = stackOf(file, values);
    if (!s) {
      out.err(`archflow outputs: cannot read the stack name from ${file}; pass --stack`);
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
