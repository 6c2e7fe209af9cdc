/**
 * "Send test event" in the diagram: a button on a node that takes input (an API, a bus, a queue, a
 * topic, a stream, a bucket, a table, a function; also on the node's context menu), a panel with the
 * catalog's sample payload to edit and send, the path lighting up hop by hop with each node's counts
 * and queue depth, and the timeline of the run: every delivery in time order with its node, outcome and
 * payload (a click on a row shows it).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import type { Sample, SimulateHostToView, SimulateViewToHost, Trace, TraceEvent } from './protocol';

/** The kinds a test event can start at (the server checks again). */
const TAKES_TEST_EVENT = new Set(['http-api', 'event-bus', 'queue', 'topic', 'stream', 'bucket', 'table', 'function']);

/** What each timeline event type means, in words (the outcome column). */
export const OUTCOME: Readonly<Record<string, string>> = {
  arrive: 'sent', fire: 'fired', deliver: 'delivered', accept: 'accepted', filter: 'filtered out', invoke: 'invoked', succeed: 'succeeded',
  fail: 'failed', timeout: 'timed out', throttle: 'throttled', receive: 'polled', visible: 'visible again', retry: 'retried',
  'dead-letter': 'dead-lettered', destination: 'sent to on-failure destination', discard: 'discarded', drop: 'lost', expire: 'expired',
  dedup: 'duplicate dropped', 'loop-stop': 'loop stopped', respond: 'responded', reject: 'refused',
};

/** Outcomes that are trouble: the node is marked. */
const TROUBLE = new Set(['fail', 'timeout', 'throttle', 'retry', 'dead-letter', 'destination', 'discard', 'drop', 'expire', 'loop-stop', 'reject']);

/** Events from one node to another: the timeline shows both ends. */
const ARROW = new Set(['deliver', 'filter', 'dead-letter', 'destination']);

/** Longest animation of a run, ms (a long chain steps faster). */
const ANIMATION_MS = 2400;
const STEP_MS = 160;
/** Timeline rows shown (the rest is counted). */
const MAX_ROWS = 500;

const STYLES = `
#af-sim { display: flex; flex-direction: column; border-top: 1px solid var(--vscode-panel-border, #8884); max-height: 42vh; min-height: 0; }
#af-sim[hidden] { display: none; }
#af-sim header { display: flex; align-items: center; gap: 8px; padding: 4px 8px; }
#af-sim .af-sim-title { font-weight: 600; }
#af-sim .af-sim-spacer { flex: 1; }
#af-sim .af-sim-body { display: flex; gap: 10px; padding: 0 8px 8px; min-height: 0; flex: 1; }
#af-sim .af-sim-form { display: flex; flex-direction: column; gap: 6px; width: 38%; min-width: 240px; }
#af-sim .af-sim-form vscode-textarea { width: 100%; font-family: var(--vscode-editor-font-family, monospace); }
#af-sim .af-sim-problems { color: var(--vscode-errorForeground, #f14c4c); white-space: pre-wrap; }
#af-sim .af-sim-run { flex: 1; display: flex; flex-direction: column; min-width: 0; min-height: 0; }
#af-sim .af-sim-summary { color: var(--vscode-descriptionForeground, #717171); padding-bottom: 4px; }
#af-sim .af-sim-rows { overflow: auto; flex: 1; min-height: 60px; }
#af-sim table { border-collapse: collapse; width: 100%; font-size: 12px; }
#af-sim th { text-align: left; font-weight: 600; position: sticky; top: 0; background: var(--vscode-editor-background, #fff); }
#af-sim th, #af-sim td { padding: 2px 8px 2px 0; white-space: nowrap; }
#af-sim td.af-sim-detail { white-space: normal; color: var(--vscode-descriptionForeground, #717171); }
#af-sim tbody tr { cursor: pointer; }
#af-sim tbody tr:hover { background: var(--vscode-list-hoverBackground, #8882); }
#af-sim tbody tr.af-sim-open { background: var(--vscode-list-activeSelectionBackground, #0060c033); color: var(--vscode-list-activeSelectionForeground, inherit); }
#af-sim tr.af-sim-trouble td.af-sim-outcome { color: var(--vscode-errorForeground, #f14c4c); }
#af-sim pre.af-sim-payload { margin: 4px 0 0; padding: 6px; max-height: 14vh; overflow: auto; background: var(--vscode-textCodeBlock-background, #8881); font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
#af-sim pre.af-sim-payload[hidden] { display: none; }
#af-sim-from { position: fixed; z-index: 5; }
#af-sim-from[hidden] { display: none; }
#viewport g.af-edge.af-sim-lit path { stroke: var(--vscode-charts-green, #388a34); stroke-width: 3px; }
#viewport g.af-node.af-sim-lit .af-node-box { stroke: var(--vscode-charts-green, #388a34); stroke-width: 2.5px; }
#viewport g.af-node.af-sim-trouble .af-node-box { stroke: var(--vscode-charts-red, #e51400); stroke-width: 2.5px; }
#viewport g.af-node.af-sim-now .af-node-box { stroke-width: 4px; }
#viewport g.af-sim-counts rect { fill: var(--vscode-badge-background, #616161); }
#viewport g.af-sim-counts text { fill: var(--vscode-badge-foreground, #fff); font-size: 11px; font-family: var(--vscode-font-family, sans-serif); }
#viewport g.af-sim-counts.af-sim-trouble rect { fill: var(--vscode-charts-red, #e51400); }
`;

/** What the panel needs of the page. */
export interface SimulateHost {
  post(message: SimulateViewToHost): void;
  readonly viewport: HTMLElement;
}

/** `+1.250 s`, `+2 min 5 s`. */
export function clockOf(ms: number): string {
  if (ms < 60_000) return `+${(ms / 1000).toFixed(3)} s`;
  const s = Math.round(ms / 1000);
  return s < 3600 ? `+${Math.floor(s / 60)} min ${s % 60} s` : `+${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The counts a node's badge says. */
export function countsText(c: { received: number; succeeded: number; failed: number; retried: number; throttled: number; deadLettered: number }, depth?: number): string {
  const parts = [`${c.received} in`];
  if (c.succeeded) parts.push(`${c.succeeded} ok`);
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.retried) parts.push(`${c.retried} retried`);
  if (c.throttled) parts.push(`${c.throttled} throttled`);
  if (c.deadLettered) parts.push(`${c.deadLettered} dead-lettered`);
  if (depth !== undefined) parts.push(`depth ${depth}`);
  return parts.join(' · ');
}

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The node the counts of an event are of: the receiver of a delivery, else where it happened. */
const hopNode = (e: TraceEvent): string => (e.type === 'deliver' && e.to !== undefined ? e.to : e.node);

/** The Send test event button, panel and animation of one diagram page. */
export class SimulatePanel {
  private readonly root: HTMLElement;
  private readonly from: HTMLElement & { textContent: string | null };
  private readonly titleEl: HTMLElement;
  private readonly select: HTMLElement & { value: string };
  private readonly payload: HTMLElement & { value: string };
  private readonly problems: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly rows: HTMLTableSectionElement;
  private readonly payloadView: HTMLPreElement;
  private node = '';
  private candidate = '';
  private samples: readonly Sample[] = [];
  private trace: Trace | undefined;
  /** Events shown so far (the animation's position). */
  private shown = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private down: { x: number; y: number } | undefined;

  constructor(private readonly host: SimulateHost) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

    this.from = el('vscode-button', { id: 'af-sim-from', title: 'Send a test event from this node through the simulator', hidden: '' }, 'Send test event') as HTMLElement & { textContent: string | null };
    document.body.append(this.from);
    this.root = el('section', { id: 'af-sim', 'aria-label': 'Test event', hidden: '' });
    const header = el('header');
    this.titleEl = el('span', { class: 'af-sim-title' });
    const close = el('vscode-button', { id: 'af-sim-close', secondary: '', title: 'Close the test event and clear the path' }, 'Close');
    header.append(this.titleEl, el('span', { class: 'af-sim-spacer' }), close);
    const body = el('div', { class: 'af-sim-body' });
    const form = el('div', { class: 'af-sim-form' });
    this.select = el('vscode-single-select', { id: 'af-sim-sample', 'aria-label': 'Sample payload' }) as unknown as HTMLElement & { value: string };
    this.payload = el('vscode-textarea', { id: 'af-sim-payload', rows: '8', 'aria-label': 'Payload (JSON)', resize: 'vertical' }) as unknown as HTMLElement & { value: string };
    const send = el('vscode-button', { id: 'af-sim-send', title: 'Run this payload from the node through the simulator' }, 'Send');
    this.problems = el('div', { class: 'af-sim-problems', role: 'alert' });
    form.append(this.select, this.payload, send, this.problems);
    const run = el('div', { class: 'af-sim-run' });
    this.summary = el('div', { class: 'af-sim-summary', 'aria-live': 'polite' });
    const scroll = el('div', { class: 'af-sim-rows' });
    const table = el('table', { id: 'af-sim-timeline', 'aria-label': 'Timeline' });
    const head = el('thead');
    const hr = el('tr');
    for (const h of ['Time', 'Node', 'Outcome', 'Detail']) hr.append(el('th', {}, h));
    head.append(hr);
    this.rows = el('tbody');
    table.append(head, this.rows);
    scroll.append(table);
    this.payloadView = el('pre', { class: 'af-sim-payload', hidden: '', 'aria-label': 'Payload of the selected delivery' });
    run.append(this.summary, scroll, this.payloadView);
    body.append(form, run);
    this.root.append(header, body);
    document.body.append(this.root);

    this.from.addEventListener('click', () => this.open(this.candidate));
    close.addEventListener('click', () => this.close());
    send.addEventListener('click', () => this.send());
    this.select.addEventListener('change', () => {
      const s = this.samples[Number(this.select.value)];
      if (s) this.payload.value = JSON.stringify(s.payload, null, 2);
    });
    this.rows.addEventListener('click', (e) => {
      const tr = (e.target as Element | null)?.closest('tr');
      if (tr?.dataset.index !== undefined) this.showPayload(Number(tr.dataset.index));
    });
    // A click (not a drag) on a node that takes a test event offers the button beside it; its context menu opens the panel.
    host.viewport.addEventListener('pointerdown', (e) => (this.down = { x: e.clientX, y: e.clientY }));
    host.viewport.addEventListener('click', (e) => {
      const moved = this.down ? Math.hypot(e.clientX - this.down.x, e.clientY - this.down.y) >= 4 : false;
      const g = this.nodeAt(e.target);
      // A drag pans the diagram: the button would float away from its node.
      if (g && !moved) this.offer(g);
      else this.from.hidden = true;
    });
    host.viewport.addEventListener('contextmenu', (e) => {
      const g = this.nodeAt(e.target);
      if (!g) return;
      e.preventDefault();
      this.open(g.dataset.nodeId!);
    });
    host.viewport.addEventListener('wheel', () => (this.from.hidden = true), { passive: true });
  }

  private nodeAt(target: EventTarget | null): SVGGElement | undefined {
    const g = (target as Element | null)?.closest?.('g.af-node[data-node-id]') as SVGGElement | null;
    return g && TAKES_TEST_EVENT.has(g.dataset.kind ?? '') ? g : undefined;
  }

  /** Shows the Send test event button at the node's top right. */
  private offer(g: SVGGElement): void {
    const box = g.querySelector('.af-node-box')?.getBoundingClientRect() ?? g.getBoundingClientRect();
    this.candidate = g.dataset.nodeId!;
    this.from.style.left = `${Math.max(0, box.right - 8)}px`;
    this.from.style.top = `${Math.max(0, box.top - 30)}px`;
    this.from.setAttribute('aria-label', `Send test event from ${this.candidate}`);
    this.from.hidden = false;
  }

  /** Opens the panel for a node and asks the host for its samples. */
  open(node: string): void {
    this.from.hidden = true;
    this.node = node;
    this.root.hidden = false;
    this.titleEl.textContent = `Test event from ${node}`;
    this.problems.textContent = '';
    this.samples = [];
    this.select.replaceChildren();
    this.payload.value = '';
    this.root.dataset.state = 'samples';
    this.host.post({ type: 'testEventSamples', node });
  }

  close(): void {
    this.stop();
    this.root.hidden = true;
    this.trace = undefined;
    this.node = '';
    this.clearDecorations();
  }

  private send(): void {
    if (!this.node) return;
    let payload: unknown;
    try {
      payload = JSON.parse(this.payload.value || '{}');
    } catch (err) {
      this.problems.textContent = `The payload is not JSON: ${(err as Error).message}`;
      return;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      this.problems.textContent = 'The payload must be a JSON object.';
      return;
    }
    this.problems.textContent = '';
    this.root.dataset.state = 'sending';
    this.host.post({ type: 'sendTestEvent', node: this.node, payload });
  }

  receive(message: SimulateHostToView): void {
    if (message.node !== this.node) return;
    switch (message.type) {
      case 'testEventSamples':
        this.samples = message.samples;
        this.select.replaceChildren(...message.samples.map((s, i) => el('vscode-option', { value: String(i), description: s.label }, s.label)));
        this.select.value = '0';
        this.payload.value = message.samples[0] ? JSON.stringify(message.samples[0].payload, null, 2) : '{}';
        this.problems.textContent = message.problems.join('\n');
        this.root.dataset.state = 'ready';
        break;
      case 'testEventProblems':
        this.problems.textContent = message.problems.join('\n');
        this.root.dataset.state = 'ready';
        break;
      case 'testEventTrace':
        this.play(message.trace);
        break;
    }
  }

  // ---- The run, hop by hop ---------------------------------------------------------------------

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private play(trace: Trace): void {
    this.stop();
    this.trace = trace;
    this.shown = 0;
    this.rows.replaceChildren();
    this.payloadView.hidden = true;
    this.clearDecorations();
    this.root.dataset.state = 'playing';
    const cut = trace.total > trace.events.length ? ` (the first ${trace.events.length.toLocaleString('en-US')} of ${trace.total.toLocaleString('en-US')} shown)` : '';
    this.summary.textContent = `${trace.label}: ${trace.events.length.toLocaleString('en-US')} events over ${clockOf(trace.end).slice(1)} of virtual time${cut}.`;
    const step = Math.max(10, Math.min(STEP_MS, ANIMATION_MS / Math.max(1, trace.events.length)));
    const next = (): void => {
      if (this.trace !== trace) return;
      if (this.shown >= trace.events.length) {
        this.finish();
        return;
      }
      this.showEvent(this.shown++, true);
      this.timer = setTimeout(next, step);
    };
    next();
  }

  /** Lights an event's edge and node, updates the node's counts, and adds its timeline row. */
  private showEvent(i: number, now: boolean, addRow = true): void {
    const e = this.trace!.events[i]!;
    const svg = this.host.viewport.querySelector('svg');
    if (svg) {
      if (now) svg.querySelectorAll('.af-sim-now').forEach((x) => x.classList.remove('af-sim-now'));
      if (e.edge) svg.querySelectorAll(`[data-edge-id="${CSS.escape(e.edge)}"]`).forEach((x) => x.classList.add('af-sim-lit'));
      const at = hopNode(e);
      const g = svg.querySelector<SVGGElement>(`g.af-node[data-node-id="${CSS.escape(at)}"]`);
      if (g) {
        g.classList.add('af-sim-lit');
        if (now) g.classList.add('af-sim-now');
        if (TROUBLE.has(e.type)) g.classList.add('af-sim-trouble');
        this.badge(g, countsText(e.counts, e.depth ?? this.lastDepth(at, i)), TROUBLE.has(e.type) || g.classList.contains('af-sim-trouble'));
      }
    }
    if (addRow && i < MAX_ROWS) this.rows.append(this.row(e, i));
  }

  /** The depth a node last reported up to event `i`. */
  private lastDepth(node: string, i: number): number | undefined {
    for (let j = i; j >= 0; j--) {
      const e = this.trace!.events[j]!;
      if (hopNode(e) === node && e.depth !== undefined) return e.depth;
    }
    return undefined;
  }

  private row(e: TraceEvent, i: number): HTMLTableRowElement {
    const tr = el('tr', { 'data-index': String(i), 'data-type': e.type, 'data-node': hopNode(e), title: e.payload !== undefined ? 'Show the payload' : '' });
    if (TROUBLE.has(e.type)) tr.classList.add('af-sim-trouble');
    const where = ARROW.has(e.type) && e.to !== undefined && e.to !== e.node ? `${e.node} → ${e.to}` : e.node;
    tr.append(
      el('td', { class: 'af-sim-time' }, clockOf(e.t)), el('td', { class: 'af-sim-node' }, where), el('td', { class: 'af-sim-outcome' }, OUTCOME[e.type] ?? e.type),
      el('td', { class: 'af-sim-detail' }, [e.count !== undefined && e.count > 1 ? `${e.count} records` : '', e.detail ?? ''].filter(Boolean).join(' · ')),
    );
    return tr;
  }

  private showPayload(i: number): void {
    const e = this.trace?.events[i];
    if (!e) return;
    this.rows.querySelectorAll('tr.af-sim-open').forEach((r) => r.classList.remove('af-sim-open'));
    this.rows.querySelector(`tr[data-index="${i}"]`)?.classList.add('af-sim-open');
    this.payloadView.hidden = false;
    this.payloadView.textContent = e.payload !== undefined ? JSON.stringify(e.payload, null, 2) : `(no payload: ${OUTCOME[e.type] ?? e.type} at ${e.node})`;
  }

  /** The end of the run: every node's final counts. */
  private finish(): void {
    const trace = this.trace!;
    this.timer = undefined;
    this.host.viewport.querySelectorAll('.af-sim-now').forEach((x) => x.classList.remove('af-sim-now'));
    this.decorateFinal();
    if (trace.events.length > MAX_ROWS) {
      const tr = el('tr');
      tr.append(el('td', { colspan: '4' }, `… ${(trace.events.length - MAX_ROWS).toLocaleString('en-US')} more events`));
      this.rows.append(tr);
    }
    this.root.dataset.state = 'done';
  }

  private decorateFinal(): void {
    const trace = this.trace;
    const svg = this.host.viewport.querySelector('svg');
    if (!trace || !svg) return;
    for (const n of trace.nodes) {
      const g = svg.querySelector<SVGGElement>(`g.af-node[data-node-id="${CSS.escape(n.id)}"]`);
      if (!g) continue;
      g.classList.add('af-sim-lit');
      this.badge(g, countsText(n, n.depth?.max), g.classList.contains('af-sim-trouble') || n.failed > 0 || n.deadLettered > 0 || n.throttled > 0);
    }
  }

  /** The diagram was drawn again (an edit): the lit path and the counts come back on the new drawing. */
  decorate(): void {
    // The button follows its node onto the new drawing (or goes with it).
    if (!this.from.hidden) {
      const g = this.host.viewport.querySelector<SVGGElement>(`g.af-node[data-node-id="${CSS.escape(this.candidate)}"]`);
      if (g && this.nodeAt(g)) this.offer(g);
      else this.from.hidden = true;
    }
    if (!this.trace || this.root.hidden) return;
    for (let i = 0; i < this.shown; i++) this.showEvent(i, false, false);
    if (this.root.dataset.state === 'done') this.decorateFinal();
  }

  private badge(g: SVGGElement, text: string, trouble: boolean): void {
    let b = g.querySelector<SVGGElement>('g.af-sim-counts');
    if (!b) {
      b = document.createElementNS(SVG, 'g');
      b.classList.add('af-sim-counts');
      b.append(document.createElementNS(SVG, 'rect'), document.createElementNS(SVG, 'text'));
      g.append(b);
    }
    const width = Number(g.querySelector('.af-node-box')?.getAttribute('width') ?? 160);
    const w = Math.round(text.length * 6.2 + 12);
    const rect = b.querySelector('rect')!;
    const label = b.querySelector('text')!;
    rect.setAttribute('x', String(width - w));
    rect.setAttribute('y', '-18');
    rect.setAttribute('width', String(w));
    rect.setAttribute('height', '16');
    rect.setAttribute('rx', '8');
    label.setAttribute('x', String(width - w + 6));
    label.setAttribute('y', '-6');
    label.textContent = text;
    b.classList.toggle('af-sim-trouble', trouble);
  }

  private clearDecorations(): void {
    const svg = this.host.viewport.querySelector('svg');
    if (!svg) return;
    svg.querySelectorAll('g.af-sim-counts').forEach((x) => x.remove());
    svg.querySelectorAll('.af-sim-lit, .af-sim-now, .af-sim-trouble').forEach((x) => x.classList.remove('af-sim-lit', 'af-sim-now', 'af-sim-trouble'));
  }
}
