import type * as Run from './run';

let loading: Promise<typeof Run> | undefined;

/**
 * The deploy code and the AWS SDK (about 20 MB), loaded on the first deploy, destroy or outputs
 * request rather than when the language server or the CLI starts (`archflow lint` starts faster).
 */
export function loadDeploy(): Promise<typeof Run> {
  return (loading ??= import('./run'));
}
