// Rule: eventbridge/flexible-window
// A schedule's `flexibleWindow` is 1–1,440 minutes (C5).
import type { Rule } from './rule';

const n = (v: number): string => v.toLocaleString('en-US');

export const eventbridgeFlexibleWindow: Rule = {
  code: 'eventbridge/flexible-window',
  severity: 'error',
  description: "A schedule's flexible time window is 1–1,440 minutes.",
  why: 'CreateSchedule rejects a `MaximumWindowInMinutes` outside 1–1,440, so the stack fails to deploy. Omit `flexibleWindow` for an exact time.',
  source: { title: 'FlexibleTimeWindow (EventBridge Scheduler API Reference)', url: 'https://docs.aws.amazon.com/scheduler/latest/APIReference/API_FlexibleTimeWindow.html' },
  fix: 'Sets the window to the nearest end of the range.',
  check({ graph, limits }, report) {
    for (const node of graph.nodes.values()) {
      const w = node.kind === 'schedule' ? node.settings.flexibleWindow : undefined;
      if (w === undefined || (w >= limits.schedulerWindowMin && w <= limits.schedulerWindowMax)) continue;
      const nearest = w < limits.schedulerWindowMin ? limits.schedulerWindowMin : limits.schedulerWindowMax;
      const at = node.pointer.concat('flexibleWindow');
      report({
        at, nodes: [node.id],
        message: `The flexible window ${n(w)} min of schedule '${node.id}' is outside EventBridge Scheduler's range ${limits.schedulerWindowMin}–${n(limits.schedulerWindowMax)} min. Omit it for an exact time.`,
        fix: { kind: 'set-value', title: `Set flexibleWindow to ${n(nearest)}`, at, value: nearest },
      });
    }
  },
};
