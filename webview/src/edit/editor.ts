/**
 * Editing on the diagram: the gestures (connect by dragging from a node's handle to another node,
 * add from the palette) and what became of them. Every gesture is posted to the host as an `edit`
 * message with the diagram's version; the language server writes the text edit (the webview never
 * edits text) and the new diagram follows. The result, or the reason a gesture was refused, is said
 * in a status line.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { Drawing, HostToView, ViewToHost } from '../protocol';
import { NAME_PATTERN, NAME_RULE, PALETTE } from './palette';
import { SettingsPanel } from './settings-panel';
import { routeAround, routePath, type Box } from './route';
import { connectHandleTooltip } from '../tooltip';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What the editor needs from the page. */
export interface EditorHost {
  readonly viewport: HTMLElement;
  post(message: ViewToHost): void;
  /** Pans the least that brings a box of the drawing into view (nothing when it is in view). */
  scrollIntoView(box: { x: number; y: number; width: number; height: number }): void;
  /** Selects a node or edge as a click does. */
  select(id: string): void;
  /** The id of the selected node or edge (drawn or not: its flow may be off screen). */
  selection(): string | null;
  /** Moves the focus to the next (or previous) node, drawing it first if it is off screen; false at either end. */
  focusNext(id: string, back: boolean): boolean;
  /** Where a box of the layout is drawn (its flow moved up by the collapsed ones above), undefined when its flow is collapsed. */
  placed(box: Box): Box | undefined;
}

const EDIT_CSS = `
#af-palette { display: flex; align-items: center; gap: 4px; padding: 4px 8px; flex-wrap: wrap; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
#af-palette .af-palette-label { color: var(--vscode-descriptionForeground, #717171); margin-right: 4px; }
#af-palette vscode-button { cursor: grab; }
#af-edit-status { padding: 4px 10px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
#af-edit-status[hidden] { display: none; }
#af-edit-status.af-refused { color: var(--vscode-errorForeground, #a1260d); }
#af-edit-status ul { margin: 2px 0 0 0; padding-left: 18px; color: var(--vscode-descriptionForeground, #717171); }
#af-name-form { position: absolute; z-index: 10; display: flex; flex-direction: column; gap: 6px; padding: 8px; min-width: 260px;
  background: var(--vscode-editorWidget-background, #f3f3f3); color: var(--vscode-editorWidget-foreground, inherit);
  border: 1px solid var(--vscode-editorWidget-border, #c8c8c8); box-shadow: 0 2px 8px var(--vscode-widget-shadow, #0003); }
#af-name-form[hidden], #af-confirm[hidden] { display: none; }
#af-confirm { position: absolute; z-index: 10; left: 50%; top: 80px; transform: translateX(-50%); max-width: 90%; max-height: 70%; overflow: auto; padding: 10px;
  background: var(--vscode-editorWidget-background, #f3f3f3); color: var(--vscode-editorWidget-foreground, inherit);
  border: 1px solid var(--vscode-editorWidget-border, #c8c8c8); box-shadow: 0 2px 8px var(--vscode-widget-shadow, #0003); }
#af-confirm .af-confirm-title { font-weight: 600; margin-bottom: 6px; }
#af-confirm ol { margin: 0 0 8px 0; padding-left: 0; list-style: none; font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
#af-confirm del { color: var(--vscode-gitDecoration-deletedResourceForeground, #a1260d); }
#af-confirm ins { color: var(--vscode-gitDecoration-addedResourceForeground, #388a34); text-decoration: none; }
#af-name-form .af-name-problem { color: var(--vscode-errorForeground, #a1260d); font-size: 12px; }
#af-name-form .af-name-buttons { display: flex; gap: 6px; justify-content: flex-end; }
.af-connect-handle { fill: var(--vscode-button-background, #0078d4); stroke: var(--vscode-editor-background, #fff); stroke-width: 2; opacity: 0; cursor: crosshair; }
g.af-node:hover .af-connect-handle, .af-connecting .af-connect-handle, g.af-node.af-selected .af-connect-handle { opacity: 1; }
.af-connect-line { stroke: var(--vscode-button-background, #0078d4); stroke-width: 2; stroke-dasharray: 6 4; fill: none; pointer-events: none; }
g.af-node.af-connect-target .af-node-box { stroke: var(--vscode-button-background, #0078d4); stroke-width: 3; }
g.af-node:focus { outline: none; }
g.af-node:focus-visible .af-node-box { stroke: var(--vscode-focusBorder, #0078d4); stroke-width: 2; stroke-dasharray: 3 2; }
#af-confirm .af-choices { display: flex; flex-direction: column; gap: 4px; margin-bottom: 8px; }
`;

/** The diagram's editing gestures. */
export class DiagramEditor {
  /** The document version the shown diagram belongs to (gestures name it). */
  version = 0;
  private diagram: Drawing | undefined;
  private connecting: { from: string; line: SVGLineElement; start: DOMPoint } | undefined;
  private readonly status: HTMLDivElement;
  private readonly form: HTMLDivElement;
  private readonly nameField: HTMLElement & { value: string };
  private readonly problem: HTMLDivElement;
  /** What the name form is for. */
  private naming: { readonly kind: 'add'; readonly nodeKind: string } | { readonly kind: 'rename'; readonly id: string } | undefined;
  private readonly confirm: HTMLDivElement;
  private pendingDelete: string | undefined;
  private readonly panel: SettingsPanel;
  /** A connection made from the keyboard: its source and the candidate target shown. */
  private keyConnect: { from: string; line: SVGPathElement; candidates: string[]; index: number } | undefined;
  /** The last connection asked for: its words, if the server asks which, are for this pair. */
  private lastConnect: { from: string; to: string } | undefined;
  /** Nodes that appeared since the last diagram the user saw, to bring into view once laid out. */
  private readonly arrived = new Set<string>();
  /** What had the keyboard focus when a dialog (name form, delete preview) opened: it gets it back on close. */
  private focusBefore: Element | null = null;

  constructor(private readonly host: EditorHost) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(EDIT_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const viewport = host.viewport;

    const palette = document.createElement('div');
    palette.id = 'af-palette';
    palette.setAttribute('role', 'toolbar');
    palette.setAttribute('aria-label', 'Add a node');
    const label = document.createElement('span');
    label.className = 'af-palette-label';
    label.textContent = 'Add:';
    palette.append(label);
    for (const k of PALETTE) {
      const b = document.createElement('vscode-button');
      b.setAttribute('secondary', '');
      b.dataset.kind = k.kind;
      b.title = `Drag onto the diagram (or click) to add ${k.article} ${k.label}`;
      b.textContent = k.label;
      b.addEventListener('pointerdown', (e) => this.startPaletteDrag(e, k.kind));
      b.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') this.askName(k.kind);
      });
      palette.append(b);
    }
    this.status = document.createElement('div');
    this.status.id = 'af-edit-status';
    this.status.setAttribute('role', 'status');
    this.status.hidden = true;
    viewport.parentElement!.insertBefore(palette, viewport);
    viewport.parentElement!.insertBefore(this.status, viewport);

    this.form = document.createElement('div');
    this.form.id = 'af-name-form';
    this.form.hidden = true;
    this.form.setAttribute('role', 'dialog');
    const title = document.createElement('div');
    title.className = 'af-name-title';
    this.nameField = document.createElement('vscode-textfield') as HTMLElement & { value: string };
    this.nameField.id = 'af-name';
    this.nameField.setAttribute('aria-label', 'Name of the new node');
    this.problem = document.createElement('div');
    this.problem.className = 'af-name-problem';
    this.problem.setAttribute('aria-live', 'polite');
    const buttons = document.createElement('div');
    buttons.className = 'af-name-buttons';
    const ok = document.createElement('vscode-button');
    ok.id = 'af-name-ok';
    ok.textContent = 'Add';
    const cancel = document.createElement('vscode-button');
    cancel.id = 'af-name-cancel';
    cancel.setAttribute('secondary', '');
    cancel.textContent = 'Cancel';
    buttons.append(cancel, ok);
    this.form.append(title, this.nameField, this.problem, buttons);
    document.body.append(this.form);
    ok.addEventListener('click', () => this.submitName());
    cancel.addEventListener('click', () => this.closeForm());
    this.nameField.addEventListener('input', () => this.checkName());
    this.nameField.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.submitName();
      else if (e.key === 'Escape') this.closeForm();
    });

    this.confirm = document.createElement('div');
    this.confirm.id = 'af-confirm';
    this.confirm.hidden = true;
    this.confirm.setAttribute('role', 'dialog');
    document.body.append(this.confirm);

    for (const [id, text, title, act] of [
      ['af-architecture', 'Architecture…', "The file's settings (region, description, defaults) and its event catalog", () => this.panel.open('#architecture')],
      ['af-rename', 'Rename', 'Rename the selected node everywhere it is written (F2)', () => this.renameSelected()],
      ['af-delete', 'Delete', 'Delete the selected node or connection, after a preview (Delete)', () => this.deleteSelected()],
    ] as const) {
      const b = document.createElement('vscode-button');
      b.id = id;
      b.setAttribute('secondary', '');
      b.title = title;
      b.textContent = text;
      b.addEventListener('click', act);
      palette.append(b);
    }
    this.panel = new SettingsPanel(viewport, (m) => host.post(m), () => this.version);
    // A click selects (main.ts): the panel follows the selected node.
    viewport.addEventListener('click', (e) => {
      const s = this.selected();
      if (!s) return;
      // A connection: its options (a rule's name and pattern, a filter, a dead-letter queue…).
      if (!s.node) {
        this.panel.open(`edge:${s.id}`);
        return;
      }
      // The badge of a node with problems: its quick fixes.
      if ((e.target as Element | null)?.closest?.('.af-badge')) this.panel.fixesWanted = s.id;
      this.panel.open(s.id);
    });
    viewport.addEventListener('dblclick', (e) => {
      const id = (e.target as Element | null)?.closest?.<SVGGElement>('g.af-node[data-node-id]')?.dataset.nodeId;
      if (id) this.askRename(id);
    });
    this.confirm.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.closeConfirm();
      }
    });
    window.addEventListener('keydown', (e) => {
      // Escape closes the delete preview (or the choice of words) wherever the focus is.
      if (e.key === 'Escape' && !this.confirm.hidden) {
        this.closeConfirm();
        return;
      }
      // A connection from the keyboard takes the keys until Enter or Escape.
      if (this.keyConnect && this.connectKey(e)) return;
      // Keys typed in a field or an open dialog are theirs; a closed (hidden) dialog takes none.
      const owner = (e.target as Element | null)?.closest?.('input, textarea, vscode-textfield, vscode-textarea, #af-name-form, #af-confirm, #af-settings');
      if (owner && !owner.closest('[hidden]')) return;
      // Tab and the arrows go from node to node in the diagram's order, drawing the next one if it is
      // off screen (the flows far from the view are not in the DOM, so the browser's Tab would skip them).
      const nav = e.key === 'Tab' || e.key.startsWith('Arrow');
      const focused = nav && !e.ctrlKey && !e.metaKey && !e.altKey ? this.focusedNode() : undefined;
      if (focused) {
        const back = e.key === 'Tab' ? e.shiftKey : e.key === 'ArrowLeft' || e.key === 'ArrowUp';
        if (this.host.focusNext(focused, back)) e.preventDefault();
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') this.deleteSelected();
      else if (e.key === 'F2') this.renameSelected();
      else if ((e.key === 'c' || e.key === 'C') && !e.ctrlKey && !e.metaKey && !e.altKey) this.startKeyConnect();
      else if (e.key === 'Enter' || e.key === ' ') {
        // Enter on a focused node selects it (as a click does) and opens its settings.
        const id = this.focusedNode();
        if (id) {
          e.preventDefault();
          this.host.select(id);
          this.panel.open(id);
        }
      }
    });

    // A node reached with Tab: the view pans the least that shows it (the browser would scroll the
    // clipped viewport itself, which the view's transform does not know).
    viewport.addEventListener('focusin', (e) => {
      const id = (e.target as Element | null)?.closest?.<SVGGElement>('g.af-node[data-node-id]')?.dataset.nodeId;
      viewport.scrollTop = 0;
      viewport.scrollLeft = 0;
      const node = this.diagram?.nodes.find((n) => n.id === id);
      if (node) this.host.scrollIntoView(node);
    });
    window.addEventListener('pointermove', (e) => this.move(e));
    window.addEventListener('pointerup', (e) => this.up(e));
  }

  /** A diagram was drawn: add a connect handle to every node. */
  rendered(diagram: Drawing): void {
    const before = this.diagram;
    this.diagram = diagram;
    // Nodes a change added (not the first diagram): brought into view once laid out, the least pan that shows them.
    if (before) {
      const known = new Set(before.nodes.map((n) => n.id));
      for (const n of diagram.nodes) if (!known.has(n.id)) this.arrived.add(n.id);
    }
    if (!diagram.provisional && this.arrived.size > 0) {
      const boxes = diagram.nodes.filter((n) => this.arrived.has(n.id));
      this.arrived.clear();
      const last = boxes[boxes.length - 1];
      if (last) this.host.scrollIntoView(last);
    }
    if (this.keyConnect) this.cancelKeyConnect();
    // The open panel follows the new text (values, problems), or closes when its node is gone.
    const open = this.panel.id;
    if (open) this.panel.open(open);
    this.nodes = new Map(diagram.nodes.map((n) => [n.id, n]));
  }

  /** The shown diagram's nodes by id. */
  private nodes = new Map<string, Drawing['nodes'][number]>();

  /** Where a node is drawn; undefined when it is unknown or its flow collapsed. */
  private placed(id: string): Box | undefined {
    const n = this.nodes.get(id);
    return n && this.host.placed(n);
  }

  /**
   * A part of the diagram was drawn (the first drawing, or a flow coming into view): its nodes get a
   * connect handle and become focusable buttons.
   */
  decorate(root: Element): void {
    const candidate = this.keyConnect?.candidates[this.keyConnect.index];
    for (const g of root.querySelectorAll<SVGGElement>('g.af-node[data-node-id]')) {
      const node = this.nodes.get(g.dataset.nodeId ?? '');
      if (!node || g.querySelector(':scope > .af-connect-handle')) continue;
      const handle = document.createElementNS(SVG_NS, 'circle');
      handle.classList.add('af-connect-handle');
      handle.setAttribute('cx', String(node.width));
      handle.setAttribute('cy', String(node.height / 2));
      handle.setAttribute('r', '7');
      // No <title> (three DOM nodes a node): the shared tooltip shows this text (tooltip.ts), and the
      // handle is named by it.
      handle.dataset.handleOf = node.id;
      handle.setAttribute('aria-label', connectHandleTooltip(node.id));
      g.append(handle);
      // Reachable from the keyboard: Tab to a node, C connects it, Enter opens its settings.
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      // The renderer names the node with its kind, settings and problems (`id — kind; …`); keep that.
      if (!g.hasAttribute('aria-label')) g.setAttribute('aria-label', `${node.id} — ${node.subtitle}`);
      if (node.id === candidate) g.classList.add('af-connect-target');
    }
  }

  /** A pointer went down in the viewport: true when a gesture takes it (no panning then). */
  pointerDown(e: PointerEvent): boolean {
    const handle = (e.target as Element | null)?.closest?.('.af-connect-handle');
    const node = (e.target as Element | null)?.closest?.<SVGGElement>('g.af-node[data-node-id]');
    if (!node || !(handle || e.altKey)) return false;
    const svg = this.host.viewport.querySelector('svg');
    const from = node.dataset.nodeId!;
    const drawn = this.diagram?.nodes.find((n) => n.id === from);
    if (!svg || !drawn) return false;
    e.preventDefault();
    e.stopPropagation();
    const start = new DOMPoint(drawn.x + drawn.width, drawn.y + drawn.height / 2);
    const line = document.createElementNS(SVG_NS, 'line');
    line.classList.add('af-connect-line');
    for (const [k, v] of [['x1', start.x], ['y1', start.y], ['x2', start.x], ['y2', start.y]] as const) line.setAttribute(k, String(v));
    svg.append(line);
    svg.classList.add('af-connecting');
    this.connecting = { from, line, start };
    return true;
  }

  private worldPoint(e: PointerEvent): DOMPoint | undefined {
    const svg = this.host.viewport.querySelector('svg');
    const m = svg?.getScreenCTM();
    return m ? new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse()) : undefined;
  }

  private nodeUnder(e: PointerEvent): string | undefined {
    const el = document.elementFromPoint(e.clientX, e.clientY)?.closest<SVGGElement>('g.af-node[data-node-id]');
    return el?.dataset.nodeId;
  }

  private move(e: PointerEvent): void {
    const c = this.connecting;
    if (!c) return;
    const p = this.worldPoint(e);
    if (p) {
      c.line.setAttribute('x2', String(p.x));
      c.line.setAttribute('y2', String(p.y));
    }
    const over = this.nodeUnder(e);
    this.host.viewport.querySelectorAll('.af-connect-target').forEach((g) => g.classList.remove('af-connect-target'));
    if (over && over !== c.from) {
      this.host.viewport.querySelector(`g.af-node[data-node-id="${CSS.escape(over)}"]`)?.classList.add('af-connect-target');
    }
  }

  private up(e: PointerEvent): void {
    if (this.paletteDrag) {
      const kind = this.paletteDrag;
      this.paletteDrag = undefined;
      document.body.style.cursor = '';
      const r = this.host.viewport.getBoundingClientRect();
      const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      const onButton = (e.target as Element | null)?.closest?.('#af-palette');
      if (inside || onButton) this.askName(kind, inside ? { x: e.clientX, y: e.clientY } : undefined);
      return;
    }
    const c = this.connecting;
    if (!c) return;
    this.connecting = undefined;
    c.line.remove();
    this.host.viewport.querySelector('svg')?.classList.remove('af-connecting');
    this.host.viewport.querySelectorAll('.af-connect-target').forEach((g) => g.classList.remove('af-connect-target'));
    const to = this.nodeUnder(e);
    if (!to || to === c.from) return;
    this.connect(c.from, to);
  }

  private connect(from: string, to: string, word?: string): void {
    this.lastConnect = { from, to };
    this.say(`Connecting '${from}' to '${to}'…`, false);
    this.host.post({ type: 'edit', version: this.version, gesture: { kind: 'connect', from, to, ...(word ? { word } : {}) } });
  }

  // ---- Connect from the keyboard -------------------------------------------------------------

  private focusedNode(): string | undefined {
    const a = document.activeElement;
    return a instanceof SVGGElement && a.matches('g.af-node[data-node-id]') ? a.dataset.nodeId : undefined;
  }

  /** C on a focused (or selected) node: the other nodes become candidates, in the diagram's order, the nearest first. */
  private startKeyConnect(): void {
    const from = this.focusedNode() ?? (this.selected()?.node ? this.selected()!.id : undefined);
    const svg = this.host.viewport.querySelector('svg');
    const d = this.diagram;
    const source = d?.nodes.find((n) => n.id === from);
    if (!from || !svg || !d || !source) {
      this.say('Focus or select a node, then press C to connect it.', true);
      return;
    }
    // Candidates left to right, top to bottom: the nodes after the source come first.
    const order = [...d.nodes].filter((n) => n.id !== from && this.placed(n.id)).sort((a, b) => (a.x - b.x) || (a.y - b.y));
    const after = order.filter((n) => n.x > source.x || (n.x === source.x && n.y > source.y));
    const candidates = [...after, ...order.filter((n) => !after.includes(n))].map((n) => n.id);
    if (candidates.length === 0) {
      this.say('There is no other node to connect to.', true);
      return;
    }
    const line = document.createElementNS(SVG_NS, 'path');
    line.classList.add('af-connect-line');
    svg.append(line);
    svg.classList.add('af-connecting');
    this.keyConnect = { from, line, candidates, index: 0 };
    this.showCandidate();
  }

  private showCandidate(): void {
    const k = this.keyConnect;
    const d = this.diagram;
    if (!k || !d) return;
    const to = d.nodes.find((n) => n.id === k.candidates[k.index]);
    const a = this.placed(k.from);
    const b = to && this.placed(to.id);
    if (!to || !a || !b) return;
    // The target is brought into view (and drawn, if its flow was off screen) before it is outlined.
    this.host.scrollIntoView(to);
    // The line goes around the other nodes (and copies of emit targets), as a drawn edge does.
    const obstacles: Box[] = [];
    for (const n of d.nodes) {
      const p = n.id === k.from || n.id === to.id ? undefined : this.placed(n.id);
      if (p) obstacles.push(p);
    }
    for (const p of d.proxies ?? []) {
      const placed = this.host.placed(p);
      if (placed) obstacles.push(placed);
    }
    k.line.setAttribute('d', routePath(routeAround(a, b, obstacles)));
    k.line.dataset.to = to.id;
    this.host.viewport.querySelectorAll('.af-connect-target').forEach((g) => g.classList.remove('af-connect-target'));
    this.host.viewport.querySelector(`g.af-node[data-node-id="${CSS.escape(to.id)}"]`)?.classList.add('af-connect-target');
    this.say(`Connect '${k.from}' to '${to.id}'? Arrows or Tab: another node · Enter: connect · Escape: cancel`, false);
  }

  /** A key while connecting from the keyboard: true when it was the connection's. */
  private connectKey(e: KeyboardEvent): boolean {
    const k = this.keyConnect!;
    if (e.key === 'Escape') {
      this.cancelKeyConnect();
      this.say('Connection cancelled.', false);
    } else if (e.key === 'Enter') {
      const to = k.candidates[k.index]!;
      this.cancelKeyConnect();
      this.connect(k.from, to);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || (e.key === 'Tab' && !e.shiftKey)) {
      k.index = (k.index + 1) % k.candidates.length;
      this.showCandidate();
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || (e.key === 'Tab' && e.shiftKey)) {
      k.index = (k.index + k.candidates.length - 1) % k.candidates.length;
      this.showCandidate();
    } else {
      return false;
    }
    e.preventDefault();
    e.stopPropagation();
    return true;
  }

  private cancelKeyConnect(): void {
    const k = this.keyConnect;
    this.keyConnect = undefined;
    k?.line.remove();
    this.host.viewport.querySelector('svg')?.classList.remove('af-connecting');
    this.host.viewport.querySelectorAll('.af-connect-target').forEach((g) => g.classList.remove('af-connect-target'));
  }

  /** The pair has several words: one button each (the first has the focus); Escape cancels. */
  private showChoices(title: string, pair: { from: string; to: string }, choices: readonly { word: string; label: string }[]): void {
    const c = this.confirm;
    c.replaceChildren();
    const head = document.createElement('div');
    head.className = 'af-confirm-title';
    head.textContent = `${title}…`;
    const list = document.createElement('div');
    list.className = 'af-choices';
    list.setAttribute('role', 'group');
    const buttons: HTMLElement[] = [];
    for (const choice of choices) {
      const b = document.createElement('vscode-button');
      b.className = 'af-choice';
      b.dataset.word = choice.word;
      b.setAttribute('secondary', '');
      b.textContent = choice.label;
      b.addEventListener('click', () => {
        this.closeConfirm();
        this.connect(pair.from, pair.to, choice.word);
      });
      buttons.push(b);
    }
    list.append(...buttons);
    const row = document.createElement('div');
    row.className = 'af-name-buttons';
    const cancel = document.createElement('vscode-button');
    cancel.id = 'af-confirm-cancel';
    cancel.setAttribute('secondary', '');
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => this.closeConfirm());
    row.append(cancel);
    c.append(head, list, row);
    if (c.hidden) this.focusBefore = document.activeElement;
    c.hidden = false;
    this.placeDialog([pair.from, pair.to]);
    this.say(`${title}: pick one.`, false);
    requestAnimationFrame(() => buttons[0]?.focus());
  }

  /**
   * Places the delete preview or the choice of words over the diagram where it covers neither the
   * palette (all its rows) and the status line, nor the nodes it is about, nor the settings panel:
   * the first free spot of the diagram's corners and sides, else the one that covers them least.
   */
  private placeDialog(about: readonly string[]): void {
    const c = this.confirm;
    c.style.transform = 'none';
    const area = this.host.viewport.getBoundingClientRect();
    const settings = document.querySelector<HTMLElement>('#af-settings');
    const avoid: DOMRect[] = [];
    for (const sel of ['#af-palette', '#af-edit-status']) {
      const el = document.querySelector<HTMLElement>(sel);
      if (el && !el.hidden) avoid.push(el.getBoundingClientRect());
    }
    if (settings && !settings.hidden) avoid.push(settings.getBoundingClientRect());
    for (const id of about) {
      const box = this.host.viewport.querySelector(`g.af-node[data-node-id="${CSS.escape(id)}"] .af-node-box`)?.getBoundingClientRect();
      if (box) avoid.push(box);
    }
    const right = settings && !settings.hidden ? Math.min(area.right, settings.getBoundingClientRect().left) : area.right;
    const gap = 8;
    const w = c.offsetWidth;
    const h = c.offsetHeight;
    const xs = [area.left + gap, right - w - gap, (area.left + right - w) / 2];
    const ys = [area.top + gap, area.bottom - h - gap, (area.top + area.bottom - h) / 2];
    const overlap = (x: number, y: number): number => avoid.reduce((sum, r) =>
      sum + Math.max(0, Math.min(x + w, r.right) - Math.max(x, r.left)) * Math.max(0, Math.min(y + h, r.bottom) - Math.max(y, r.top)), 0);
    let best = { x: xs[0]!, y: ys[0]!, cost: Infinity };
    for (const y of ys) for (const x of xs) {
      const at = { x: Math.max(area.left, x), y: Math.max(area.top, y) };
      const cost = overlap(at.x, at.y);
      if (cost < best.cost) best = { ...at, cost };
      if (cost === 0) break;
    }
    c.style.left = `${best.x + window.scrollX}px`;
    c.style.top = `${best.y + window.scrollY}px`;
  }

  /** Closes the delete preview or the choice of words, changing nothing. */
  private closeConfirm(): void {
    if (this.confirm.hidden) return;
    this.pendingDelete = undefined;
    this.confirm.hidden = true;
    this.returnFocus(this.confirm);
  }

  // ---- Add from the palette ------------------------------------------------------------------

  private paletteDrag: string | undefined;

  private startPaletteDrag(e: PointerEvent, kind: string): void {
    if (e.button !== 0) return;
    e.preventDefault();
    this.paletteDrag = kind;
    document.body.style.cursor = 'copy';
  }

  /** Opens the name form for a new node of `kind` (at the drop point, else under the palette). */
  askName(kind: string, at?: { x: number; y: number }): void {
    const k = PALETTE.find((p) => p.kind === kind);
    if (!k) return;
    this.naming = { kind: 'add', nodeKind: kind };
    this.openForm(`New ${k.label}: its name`, this.suggestName(k.suggested), at);
  }

  /** Opens the name form over a node to rename it. */
  askRename(id: string): void {
    const box = this.host.viewport.querySelector(`g.af-node[data-node-id="${CSS.escape(id)}"] .af-node-box`)?.getBoundingClientRect();
    this.naming = { kind: 'rename', id };
    this.openForm(`Rename '${id}' everywhere it is written`, id, box ? { x: box.left, y: box.top } : undefined);
  }

  private openForm(title: string, value: string, at?: { x: number; y: number }): void {
    this.form.querySelector('.af-name-title')!.textContent = title;
    (this.form.querySelector('#af-name-ok') as HTMLElement).textContent = this.naming?.kind === 'rename' ? 'Rename' : 'Add';
    this.nameField.value = value;
    const r = this.host.viewport.getBoundingClientRect();
    const x = Math.min(Math.max(r.left, (at?.x ?? r.left + 16)), Math.max(r.left, window.innerWidth - 280));
    const y = Math.min(Math.max(r.top, (at?.y ?? r.top + 8)), Math.max(r.top, window.innerHeight - 140));
    this.form.style.left = `${x}px`;
    this.form.style.top = `${y}px`;
    if (this.form.hidden) this.focusBefore = document.activeElement;
    this.form.hidden = false;
    this.checkName();
    requestAnimationFrame(() => this.nameField.focus());
  }

  private suggestName(base: string): string {
    const taken = new Set(this.diagram?.nodes.map((n) => n.id) ?? []);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    return name;
  }

  /** Why the name in the form cannot be used (the server checks again), or ''. */
  private checkName(): string {
    const name = this.nameField.value.trim();
    let problem = '';
    if (!NAME_PATTERN.test(name)) problem = `'${name}' is not a valid name: ${NAME_RULE}`;
    else if (this.diagram?.nodes.some((n) => n.id === name) && !(this.naming?.kind === 'rename' && this.naming.id === name)) {
      problem = `'${name}' is already a node of this file.`;
    }
    this.problem.textContent = problem;
    this.nameField.setAttribute('aria-invalid', problem ? 'true' : 'false');
    return problem;
  }

  private submitName(): void {
    const naming = this.naming;
    if (!naming || this.checkName()) return;
    const name = this.nameField.value.trim();
    this.closeForm();
    if (naming.kind === 'rename') {
      if (name === naming.id) return;
      this.say(`Renaming '${naming.id}' to '${name}'…`, false);
      this.host.post({ type: 'edit', version: this.version, gesture: { kind: 'rename', id: naming.id, to: name } });
      return;
    }
    this.say(`Adding '${name}'…`, false);
    this.host.post({ type: 'edit', version: this.version, gesture: { kind: 'add', nodeKind: naming.nodeKind, name } });
  }

  private closeForm(): void {
    this.naming = undefined;
    this.form.hidden = true;
    this.returnFocus(this.form);
  }

  /**
   * A dialog closed: the focus leaves it for what had it before (else the page), at once. Left on a
   * hidden field or button it would take the next keys (Delete, F2) until the browser moves it on
   * its next frame, and the user's key would be lost.
   */
  private returnFocus(dialog: HTMLElement): void {
    const before = this.focusBefore;
    this.focusBefore = null;
    const active = document.activeElement;
    if (!active || !dialog.contains(active)) return;
    if (before instanceof HTMLElement || before instanceof SVGElement) {
      if (before !== document.body && before.isConnected && !before.closest('[hidden]')) {
        before.focus();
        if (document.activeElement === before) return;
      }
    }
    (active as HTMLElement).blur();
  }

  // ---- Delete and rename the selection --------------------------------------------------------

  /** The selected node or edge (main.ts marks it `af-selected`). */
  private selected(): { id: string; node: boolean } | undefined {
    const id = this.host.selection();
    if (!id || !this.diagram) return undefined;
    if (this.nodes.has(id)) return { id, node: true };
    return this.diagram.edges.some((e) => e.id === id) ? { id, node: false } : undefined;
  }

  private renameSelected(): void {
    const s = this.selected();
    if (s?.node) this.askRename(s.id);
    else this.say('Select a node to rename it.', true);
  }

  private deleteSelected(): void {
    const s = this.selected();
    if (!s) {
      this.say('Select a node or a connection to delete it.', true);
      return;
    }
    this.pendingDelete = s.id;
    this.host.post({ type: 'edit', version: this.version, gesture: { kind: 'delete', id: s.id, confirmed: false } });
  }

  /** Shows what a delete changes, line by line, with Delete and Cancel. */
  private showPreview(title: string, lines: readonly { line: number; before: string; after?: string }[]): void {
    const c = this.confirm;
    c.replaceChildren();
    const head = document.createElement('div');
    head.className = 'af-confirm-title';
    head.textContent = `${title.charAt(0).toUpperCase()}${title.slice(1)}: ${lines.length} line${lines.length === 1 ? '' : 's'} change`;
    const list = document.createElement('ol');
    list.className = 'af-preview';
    for (const l of lines) {
      const li = document.createElement('li');
      li.dataset.line = String(l.line);
      const before = document.createElement('del');
      before.textContent = `${l.line}: ${l.before.trim()}`;
      li.append(before);
      if (l.after !== undefined) {
        const after = document.createElement('ins');
        after.textContent = l.after.trim();
        li.append(' → ', after);
      }
      list.append(li);
    }
    const buttons = document.createElement('div');
    buttons.className = 'af-name-buttons';
    const cancel = document.createElement('vscode-button');
    cancel.id = 'af-confirm-cancel';
    cancel.setAttribute('secondary', '');
    cancel.textContent = 'Cancel';
    const ok = document.createElement('vscode-button');
    ok.id = 'af-confirm-ok';
    ok.textContent = 'Delete';
    buttons.append(cancel, ok);
    c.append(head, list, buttons);
    if (c.hidden) this.focusBefore = document.activeElement;
    c.hidden = false;
    this.placeDialog(this.pendingDelete ? [this.pendingDelete] : []);
    cancel.addEventListener('click', () => this.closeConfirm());
    ok.addEventListener('click', () => {
      const id = this.pendingDelete;
      this.pendingDelete = undefined;
      c.hidden = true;
      this.returnFocus(c);
      if (id) this.host.post({ type: 'edit', version: this.version, gesture: { kind: 'delete', id, confirmed: true } });
    });
    requestAnimationFrame(() => ok.focus());
  }

  // ---- Results -------------------------------------------------------------------------------

  /** The host's answer for the settings panel. */
  settings(message: Extract<HostToView, { type: 'settings' }>): void {
    this.panel.show(message.settings);
    // The panel took its room from the diagram: its node stays in view (after the resize is seen).
    const node = this.diagram?.nodes.find((n) => n.id === message.settings?.id);
    if (node) requestAnimationFrame(() => requestAnimationFrame(() => this.host.scrollIntoView(node)));
  }

  /** What the host answered for a gesture. */
  result(message: Extract<HostToView, { type: 'editResult' }>): void {
    if (message.choices && !message.applied && this.lastConnect) {
      this.showChoices(message.message, this.lastConnect, message.choices);
      return;
    }
    if (message.preview && !message.applied) {
      this.showPreview(message.message, message.preview);
      return;
    }
    this.say(message.message, !message.applied, message.problems);
  }

  private say(text: string, refused: boolean, problems: readonly string[] = []): void {
    this.status.hidden = false;
    this.status.classList.toggle('af-refused', refused);
    this.status.textContent = refused ? `Not changed: ${text}` : text;
    if (problems.length) {
      const ul = document.createElement('ul');
      for (const p of problems) {
        const li = document.createElement('li');
        li.textContent = p;
        ul.append(li);
      }
      this.status.append(ul);
    }
  }
}
