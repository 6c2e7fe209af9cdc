import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESTRICTED_SETTINGS, TRUSTED_COMMANDS, trustGate } from '../../client/src/trust';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: unknown; description: string; restrictedConfigurations: string[] } };
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
};

describe('Restricted Mode', () => {
  it('is declared as limited support, with the deploy settings restricted', () => {
    const u = manifest.capabilities.untrustedWorkspaces;
    expect(u.supported).toBe('limited');
    expect(u.description).toMatch(/Generate Project and Deploy need a trusted workspace/);
    const deploySettings = Object.keys(manifest.contributes.configuration.properties).filter((k) => k.startsWith('archflow.deploy.'));
    expect(u.restrictedConfigurations.sort()).toEqual([...RESTRICTED_SETTINGS].sort());
    expect(deploySettings.sort()).toEqual([...RESTRICTED_SETTINGS].sort());
  });

  it('lets every command that only reads run, and stops generate and deploy with a message that says why', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const id of Object.keys(TRUSTED_COMMANDS)) expect(contributed).toContain(id);
    for (const id of contributed) {
      expect(trustGate(id, true)).toEqual({ allowed: true });
      expect(trustGate(id, false).allowed).toBe(!(id in TRUSTED_COMMANDS));
    }
    expect(trustGate('archflow.openDiagram', false)).toEqual({ allowed: true });
    expect(trustGate('archflow.generateProject', false)).toEqual({
      allowed: false,
      message: 'Archflow: Generate Project needs a trusted workspace: it writes a project with build scripts into your workspace. Checking, the diagram and the other editor features work in Restricted Mode.',
    });
    expect(trustGate('archflow.deploy', false)).toEqual({
      allowed: false,
      message: 'Archflow: Deploy needs a trusted workspace: it runs the project\'s npm build and calls AWS with your credentials, using this workspace\'s settings. Checking, the diagram and the other editor features work in Restricted Mode.',
    });
  });
});
