/**
 * A scenario's run in words (the timeline, a line per node, the expectations) and as JSON. Pure: the
 * CLI prints these lines; an editor view can show the same.
 */
import { formatMs } from './scenario';
import type { NodeSummary } from './engine';
import type { ScenarioRun } from './run';
import type { SimEvent } from './types';

/** Virtual time as `mm:ss.mmm`, `h:mm:ss.mmm` or `Nd hh:mm:ss`. */
export function clock(ms: number): string {
  const t = Math.max(0, Math.round(ms));
  const d = Math.floor(t / 86_400_000);
  const h = Math.floor((t % 86_400_000) / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  const milli = t % 1000;
  const p2 = (x: number): string => String(x).padStart(2, '0');
  if (d > 0) return `${d}d ${p2(h)}:${p2(m)}:${p2(s)}`;
  if (h > 0) return `${h}:${p2(m)}:${p2(s)}.${String(milli).padStart(3, '0')}`;
  return `${p2(m)}:${p2(s)}.${String(milli).padStart(3, '0')}`;
}

/** Events whose `to` is where the thing came from, not where it goes. */
const FROM_EVENTS = new Set<SimEvent['type']>(['invoke', 'dedup', 'reject']);

/** One timeline line. */
export function eventLine(e: SimEvent, nodeWidth = 14): string {
  const arrow = e.to !== undefined ? `${FROM_EVENTS.has(e.type) ? '←' : '→'} ${e.to}` : '';
  // A batch's size, unless its words say it (`batch of 10`).
  const count = e.count !== undefined && e.count > 1 && !/\bbatch of\b|\brecords\b/.test(e.detail ?? '') ? ` ×${e.count}` : '';
  const origin = e.origin !== undefined ? ` (#${e.origin})` : '';
  return `  ${clock(e.t).padStart(9)}  ${e.type.padEnd(11)} ${e.node.padEnd(nodeWidth)} ${arrow.padEnd(nodeWidth + 2)} ${(e.detail ?? '') + count + origin}`.trimEnd();
}

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of a series (its highest value is the top bar), at most `width` bars (each the most of its part). */
export function sparkline(values: readonly number[], width = 24): string {
  const parts = Math.min(width, values.length);
  const series = values.length <= width ? values : Array.from({ length: parts }, (_, i) => Math.max(...values.slice(Math.floor((i * values.length) / parts), Math.floor(((i + 1) * values.length) / parts))));
  const max = Math.max(0, ...series);
  if (max === 0) return '';
  return series.map((v) => (v <= 0 ? ' ' : BARS[Math.min(7, Math.floor((v / max) * 7.999))]!)).join('');
}

const num = (n: number): string => n.toLocaleString('en-US');

/** The table of nodes. */
export function nodeTable(nodes: readonly NodeSummary[]): string[] {
  const head = ['node', 'kind', 'received', 'succeeded', 'failed', 'retried', 'throttled', 'dead-lettered', 'lost', 'depth max/end', 'latency p50 / p99'];
  const rows = nodes.map((n) => [
    n.id, n.kind, num(n.received), num(n.succeeded), num(n.failed), num(n.retried), num(n.throttled), num(n.deadLettered), num(n.lost),
    n.depth ? `${num(n.depth.max)} / ${num(n.depth.end)} ${sparkline(n.depth.series)}`.trimEnd() : '',
    n.latency ? `${formatMs(n.latency.p50)} / ${formatMs(n.latency.p99)}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `  ${cells.map((c, i) => (i < 2 || i >= 9 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)];
}

/** Options of the text report. */
export interface ReportOptions {
  /** Timeline lines shown (default 40; Infinity: all). */
  readonly timeline?: number;
  /** The file the scenario comes from, for the title. */
  readonly file?: string;
}

/** A run as text lines: title, timeline, nodes, expectations. */
export function formatRun(run: ScenarioRun, options: ReportOptions = {}): string[] {
  const s = run.scenario;
  const limit = options.timeline ?? 40;
  const lines: string[] = [];
  lines.push(`Scenario '${s.name}'${options.file ? ` (${options.file})` : ''}${s.description ? `: ${s.description}` : ''}`);
  lines.push(`  seed ${String(run.seed)} · ${formatMs(run.until)} of virtual time${run.end < run.until ? `, the last event at ${clock(run.end)}` : ''} · ${num(run.arrivals.length)} arrival${run.arrivals.length === 1 ? '' : 's'} · ${num(run.events)} events · ${num(run.deliveries)} deliveries`);
  if (run.stopped) lines.push(`  ✗ The run ${run.stopped}.`);
  lines.push('');
  const shown = run.timeline.slice(0, limit);
  if (limit > 0) lines.push(shown.length < run.events ? `Timeline (the first ${num(shown.length)} of ${num(run.events)} events; --timeline all or --format json for more)` : 'Timeline');
  const width = Math.min(24, Math.max(8, ...shown.map((e) => e.node.length), ...shown.map((e) => (e.to ?? '').length)));
  for (const e of shown) lines.push(eventLine(e, width));
  if (limit > 0 && run.events === 0) lines.push('  (nothing happened)');
  if (limit > 0) lines.push('');
  lines.push('Nodes');
  lines.push(...nodeTable(run.nodes));
  const lost = run.nodes.flatMap((n) => Object.entries(n.lostWhy ?? {}).map(([why, c]) => `  ${n.id}: ${num(c)} lost, ${why}`));
  if (lost.length) lines.push('', 'Lost', ...lost.slice(0, 10), ...(lost.length > 10 ? [`  … ${lost.length - 10} more`] : []));
  if (run.outcomes.length) {
    lines.push('', 'Expectations');
    for (const o of run.outcomes) lines.push(`  ${o.ok ? '✓' : '✗'} ${o.expectation.text}: ${o.detail}`);
    const held = run.outcomes.filter((o) => o.ok).length;
    lines.push('', held === run.outcomes.length ? `All ${run.outcomes.length} expectation${run.outcomes.length === 1 ? '' : 's'} hold${run.stopped ? ' as far as the run went' : ''}.` : `${run.outcomes.length - held} of ${run.outcomes.length} expectations failed.`);
  }
  if (run.stopped) lines.push('', 'The run stopped early (see above): the scenario does not pass.');
  return lines;
}

/** A run as JSON (what `archflow simulate --format json` prints for each scenario). */
export function runJson(run: ScenarioRun, file?: string): Record<string, unknown> {
  return {
    scenario: run.scenario.name, ...(file ? { file } : {}), ...(run.scenario.description ? { description: run.scenario.description } : {}),
    seed: run.seed, start: new Date(run.scenario.epoch).toISOString(), until: run.until, end: run.end, events: run.events, deliveries: run.deliveries,
    arrivals: run.arrivals.length, ...(run.stopped ? { stopped: run.stopped } : {}), passed: run.passed,
    expectations: run.outcomes.map((o) => ({ expectation: o.expectation.text, ok: o.ok, detail: o.detail, kind: o.expectation.kind })),
    nodes: run.nodes,
    timeline: run.timeline,
  };
}
