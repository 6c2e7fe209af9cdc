import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script (plain JavaScript, no types)
import { serviceSpecModule } from '../../../scripts/service-spec.mjs';

/** The stand-in the bundles carry for the resource specification, loaded as the bundle loads it. */
function bundled(): { lookup(entity: string, key: string, op: string, value: string): { properties: Record<string, { causesReplacement?: string; scrutinizable?: string }>; scrutinizable?: string }[] } {
  const module = { exports: {} as { loadAwsServiceSpecSync(): never } };
  new Function('module', 'exports', (serviceSpecModule as () => string)())(module, module.exports);
  return module.exports.loadAwsServiceSpecSync();
}

describe('the resource specification the bundles carry for the deploy preview', () => {
  const full = loadAwsServiceSpecSync();
  const small = bundled();

  it('answers every resource type as the full database does: which properties replace it, which are scrutinized', () => {
    let types = 0;
    for (const r of full.all('resource')) {
      const mine = small.lookup('resource', 'cloudFormationType', 'equals', r.cloudFormationType)[0];
      for (const [name, p] of Object.entries(r.properties)) {
        const replaces = p.causesReplacement === 'yes' || p.causesReplacement === 'maybe' ? p.causesReplacement : undefined;
        expect(mine?.properties[name]?.causesReplacement, `${r.cloudFormationType}.${name}`).toBe(replaces);
        expect(mine?.properties[name]?.scrutinizable, `${r.cloudFormationType}.${name}`).toBe(p.scrutinizable);
      }
      if (r.scrutinizable) expect(mine?.scrutinizable).toBe(r.scrutinizable);
      types++;
    }
    // Every resource type of the service spec this lockfile installs: updating it changes this count.
    expect(types).toBe(1828);
  });

  it('knows the replacements of the resources Archflow generates', () => {
    const replacing = (type: string): string[] => Object.entries(small.lookup('resource', 'cloudFormationType', 'equals', type)[0]!.properties).filter(([, p]) => p.causesReplacement === 'yes').map(([k]) => k).sort();
    expect(replacing('AWS::DynamoDB::Table')).toEqual(['ImportSourceSpecification', 'KeySchema', 'TableName']);
    expect(replacing('AWS::SQS::Queue')).toEqual(['FifoQueue', 'QueueName']);
  });
});
