/**
 * Restricted Mode (an untrusted workspace): what Archflow does there. Linting, hover, completion, the
 * other editor features and the diagram read the file and run nothing, so they work. Generating a
 * project writes files into the workspace (with npm scripts that later run), and deploying builds the
 * project with npm, reads AWS settings from the workspace and calls AWS with the person's credentials:
 * those need trust, and say so. package.json declares the same (`capabilities.untrustedWorkspaces`).
 * No `vscode` import: the unit suite tests it.
 */

/** Commands that need a trusted workspace, and what each would do there. */
export const TRUSTED_COMMANDS: Readonly<Record<string, { readonly title: string; readonly does: string }>> = {
  'archflow.generateProject': { title: 'Generate Project', does: 'it writes a project with build scripts into your workspace' },
  'archflow.deploy': { title: 'Deploy', does: 'it runs the project\'s npm build and calls AWS with your credentials, using this workspace\'s settings' },
  'archflow.showStackOutputs': { title: 'Show Stack Outputs', does: 'it calls AWS with your credentials, using this workspace\'s settings' },
  'archflow.deleteStack': { title: 'Delete Stack', does: 'it calls AWS with your credentials, using this workspace\'s settings' },
};

/** Settings VS Code ignores in an untrusted workspace's own settings (they point deploys at accounts and endpoints). */
export const RESTRICTED_SETTINGS = ['archflow.deploy.region', 'archflow.deploy.profile', 'archflow.deploy.endpoint', 'archflow.deploy.stackName'] as const;

/** The action the message offers: VS Code's command that opens the trust editor. */
export const MANAGE_TRUST = { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' } as const;

/**
 * Whether a command may run: always in a trusted workspace; in Restricted Mode only the commands that
 * run nothing, the others answer with the message to show.
 */
export function trustGate(command: string, trusted: boolean): { readonly allowed: true } | { readonly allowed: false; readonly message: string } {
  const needs = TRUSTED_COMMANDS[command];
  if (trusted || !needs) return { allowed: true };
  return {
    allowed: false,
    message: `Archflow: ${needs.title} needs a trusted workspace: ${needs.does}. Checking, the diagram and the other editor features work in Restricted Mode.`,
  };
}
