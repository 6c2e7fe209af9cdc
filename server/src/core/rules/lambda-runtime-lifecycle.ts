// Rule: lambda/runtime-lifecycle
// A function's runtime is not deprecated (warning) and not blocked for new functions (error),
// judged against today's date.
import { RUNTIME_LIFECYCLE_SOURCE, RUNTIMES_BY_ID } from '../facts/runtimes';
import { setValue, settingSubject, settingUses } from './helpers';
import type { Rule } from './rule';

export const lambdaRuntimeLifecycle: Rule = {
  code: 'lambda/runtime-lifecycle',
  severity: 'warning',
  description: "A function's runtime is not deprecated (warning), and Lambda does not yet block creating functions with it (error).",
  why: 'A deprecated runtime gets no more security patches. Shortly after deprecation Lambda blocks creating functions with it, and later updating them, so deploying fails. The dates come from the runtime lifecycle table (every runtime, checked against today).',
  source: RUNTIME_LIFECYCLE_SOURCE,
  fix: "Sets `runtime` to its successor: the Amazon Linux 2023 variant of the same Java version (`java17` → `java17.al2023`), otherwise the newest runtime of the same language (`provided.al2023` for Go's `go1.x`).",
  check({ graph, today }, report) {
    const day = today.toISOString().slice(0, 10);
    for (const use of settingUses(graph, 'runtime')) {
      const r = RUNTIMES_BY_ID.get(use.value);
      // An image-only runtime cannot deploy as a .zip at all: `lambda/image-only-runtime` says so, once.
      if (!r || r.imageOnly || day < r.deprecated) continue;
      const subject = `${settingSubject('runtime', use)} is ${r.id}`;
      const fix = setValue(use.at, r.successor, `Change the runtime to ${r.successor}`);
      const move = ` Move to ${r.successor}.`;
      if (r.blockCreate && day >= r.blockCreate) {
        const update = r.blockUpdate
          ? day >= r.blockUpdate ? ` and updating them since ${r.blockUpdate}` : `; existing functions can be updated until ${r.blockUpdate}`
          : '';
        report({
          at: use.at, severity: 'error', fix, nodes: use.functions,
          message: `${subject}: Lambda rejects creating functions with it since ${r.blockCreate}${update} (deprecated ${r.deprecated}).${move}`,
        });
        continue;
      }
      const blocks = r.blockCreate
        ? ` Lambda blocks creating functions with it from ${r.blockCreate}${r.blockUpdate ? ` and updating them from ${r.blockUpdate}` : ''}.`
        : '';
      report({
        at: use.at, fix, nodes: use.functions,
        message: `${subject}, deprecated since ${r.deprecated}: it gets no more security patches.${blocks}${move}`,
      });
    }
  },
};
