import type { CommandFactory } from './command';
import { deleteStack, deployCommand, showStackOutputs } from './commands/deploy';
import { generateProject } from './commands/generate-project';
import { importTemplate } from './commands/import-template';
import { newArchitecture } from './commands/new-architecture';
import { openDiagram } from './commands/open-diagram';
import { runScenario } from './commands/run-scenario';
import { showLog } from './commands/show-log';
import { testPattern } from './commands/test-pattern';

/**
 * Every command of the extension, by id. The ids and titles are contributed in package.json under
 * the "Archflow" category.
 */
export function createCommands(): Record<string, CommandFactory> {
  return {
    'archflow.newArchitecture': newArchitecture,
    'archflow.openDiagram': openDiagram,
    'archflow.testPattern': testPattern,
    'archflow.importTemplate': importTemplate,
    'archflow.generateProject': generateProject,
    'archflow.deploy': deployCommand,
    'archflow.showStackOutputs': showStackOutputs,
    'archflow.deleteStack': deleteStack,
    'archflow.showLog': showLog,
    'archflow.runScenario': runScenario,
  };
}
