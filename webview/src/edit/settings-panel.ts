/**
 * The settings panel: a node's key settings (memory, timeout, batch size, visibility timeout,
 * retention…) with the schema's unit, AWS limit and default, and the lint result at each setting.
 * While a value is typed the host analyses the text it would make (nothing is applied) and the
 * problems follow; Enter (or leaving the field) writes it through the language server.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import type { NodeSettings, ViewToHost } from '../protocol';

/** The panel's width, border included: the diagram's area shrinks by as much while it is open. */
const PANEL_WIDTH = 320;

const PANEL_CSS = `
#af-settings { position: absolute; z-index: 5; right: 0; bottom: 0; width: ${PANEL_WIDTH - 21}px; overflow: auto; padding: 8px 10px;
  background: var(--vscode-sideBar-background, var(--vscode-editorWidget-background, #f3f3f3)); color: var(--vscode-sideBar-foreground, inherit);
  border-left: 1px solid var(--vscode-panel-border, #8884); box-shadow: -2px 0 6px var(--vscode-widget-shadow, #0002); }
#af-settings[hidden] { display: none; }
/* Docked: the diagram and the test event panel give the panel its room, so nothing is hidden under it. */
body.af-settings-open #viewport, body.af-settings-open #af-sim { margin-right: ${PANEL_WIDTH}px; }
#af-settings vscode-textarea { width: 100%; font-family: var(--vscode-editor-font-family, monospace); }
#af-settings .af-links { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0; }
#af-settings .af-new-event { display: flex; gap: 4px; margin: 6px 0; }
#af-settings h2 { font-size: 13px; margin: 0 0 6px 0; display: flex; justify-content: space-between; align-items: center; }
#af-settings .af-field { margin: 8px 0; }
#af-settings label { display: block; font-weight: 600; }
#af-settings vscode-textfield { width: 100%; }
#af-settings .af-hint { color: var(--vscode-descriptionForeground, #717171); font-size: 12px; }
#af-settings .af-field-problems, #af-settings .af-node-problems { color: var(--vscode-errorForeground, #a1260d); font-size: 12px; margin: 2px 0 0 0; padding-left: 16px; }
#af-settings h3 { font-size: 12px; margin: 10px 0 4px 0; }
#af-settings .af-fix { display: block; margin: 4px 0; }
#af-settings .af-ok { color: var(--vscode-testing-iconPassed, #388a34); font-size: 12px; }
`;

/** The settings panel of the selected node. */
export class SettingsPanel {
  private readonly el: HTMLDivElement;
  private shown: NodeSettings | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The panel last asked for (`open`): answers for any other are stale. */
  private requested: string | undefined;

  constructor(private readonly viewport: HTMLElement, private readonly post: (m: ViewToHost) => void, private readonly version: () => number) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    this.el = document.createElement('div');
    this.el.id = 'af-settings';
    this.el.hidden = true;
    this.el.setAttribute('role', 'region');
    this.el.setAttribute('aria-label', 'Settings of the selected node');
    document.body.append(this.el);
  }

  /** The node whose panel is open. */
  get id(): string | undefined {
    return this.el.hidden ? undefined : this.shown?.id;
  }

  /** Asks for a node's panel. */
  open(id: string): void {
    // A draft of the panel being left is not sent after the other panel was asked for.
    clearTimeout(this.timer);
    this.requested = id;
    this.post({ type: 'settings', id });
  }

  close(): void {
    clearTimeout(this.timer);
    this.requested = undefined;
    this.el.hidden = true;
    this.shown = undefined;
    document.body.classList.remove('af-settings-open');
  }

  /** The host's answer: the panel as it is, or with a draft value (then only the problems change). */
  show(settings: NodeSettings | null): void {
    // A late answer for a panel no longer asked for (a draft of the field being left, answered after
    // the click that opened another panel) would put the old panel back: only the last asked is shown.
    if (settings && settings.id !== this.requested) return;
    const wantFixes = this.fixesWanted === settings?.id;
    this.fixesWanted = undefined;
    if (!settings) {
      this.close();
      return;
    }
    const active = document.activeElement?.closest?.('#af-settings .af-field') as HTMLElement | null;
    if (this.shown?.id === settings.id && active && !this.el.hidden) {
      // A draft answer while typing: keep the fields, refresh the problems.
      this.shown = settings;
      for (const f of settings.fields) this.renderProblems(f.key, f.problems);
      this.renderNodeProblems(settings.problems);
      return;
    }
    if (this.shown?.id === settings.id && !this.el.hidden && this.sameFields(settings)) {
      // The same panel after an edit (its value written): the fields stay as they are (no flicker, the
      // focus and a value being typed kept), the problems and fixes follow.
      this.shown = settings;
      for (const f of settings.fields) this.renderProblems(f.key, f.problems);
      this.renderNodeProblems(settings.problems);
      this.renderFixes(settings);
      if (wantFixes) this.focusFixes();
      return;
    }
    this.shown = settings;
    this.render(settings);
    if (wantFixes) this.focusFixes();
  }

  /** True when the panel shows these fields with these values and links already. */
  private sameFields(s: NodeSettings): boolean {
    const fields = [...this.el.querySelectorAll<HTMLElement & { value: string }>('.af-field [data-key]')];
    const links = [...this.el.querySelectorAll<HTMLElement>('.af-links .af-link')].map((b) => b.dataset.target);
    return fields.length === s.fields.length && s.fields.every((f, i) => fields[i]!.dataset.key === f.key && fields[i]!.value.trim() === f.value.trim())
      && JSON.stringify(links) === JSON.stringify((s.links ?? []).map((l) => l.id));
  }

  /** The next panel of this node focuses its fixes (its badge was clicked). */
  fixesWanted: string | undefined;

  private render(s: NodeSettings): void {
    document.body.classList.add('af-settings-open');
    const top = this.viewport.getBoundingClientRect().top;
    this.el.style.top = `${top}px`;
    this.el.replaceChildren();
    const h = document.createElement('h2');
    h.textContent = `Settings of ${s.title}`;
    const close = document.createElement('vscode-button');
    close.id = 'af-settings-close';
    close.setAttribute('secondary', '');
    close.title = 'Close the settings';
    close.textContent = '×';
    close.addEventListener('click', () => this.close());
    h.append(close);
    this.el.append(h);
    if (s.id.startsWith('event:')) this.el.append(this.linkButton('#architecture', '← Architecture and events'));
    if (s.fields.length === 0) {
      const p = document.createElement('div');
      p.className = 'af-hint';
      p.textContent = 'No key settings for this kind on the diagram: edit it in the text.';
      this.el.append(p);
    }
    for (const f of s.fields) {
      const box = document.createElement('div');
      box.className = 'af-field';
      box.dataset.key = f.key;
      const label = document.createElement('label');
      label.textContent = f.unit ? `${f.label} (${f.unit})` : f.label;
      // A map typed as JSON or YAML (a pattern, a filter, a schema): several lines; Ctrl/⌘+Enter or leaving writes it.
      const field = document.createElement(f.multiline ? 'vscode-textarea' : 'vscode-textfield') as HTMLElement & { value: string; placeholder: string; rows?: number };
      if (f.multiline) field.setAttribute('rows', '3');
      field.dataset.key = f.key;
      field.setAttribute('aria-label', f.label);
      field.value = f.value;
      if (f.default !== undefined) field.placeholder = `default ${f.default}`;
      const hint = document.createElement('div');
      hint.className = 'af-hint';
      hint.textContent = [f.limit ? `AWS: ${f.limit}` : '', f.description].filter(Boolean).join(' — ');
      const problems = document.createElement('ul');
      problems.className = 'af-field-problems';
      box.append(label, field, hint, problems);
      this.el.append(box);
      let committed = f.value;
      const commit = (): void => {
        if (field.value.trim() === committed.trim()) return;
        committed = field.value;
        this.post({ type: 'edit', version: this.version(), gesture: { kind: 'set', id: s.id, key: f.key, value: field.value.trim() } });
      };
      field.addEventListener('input', () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.post({ type: 'settings', id: s.id, draft: { key: f.key, value: field.value.trim() } }), 150);
      });
      field.addEventListener('keydown', (e) => {
        const k = e as KeyboardEvent;
        if (k.key === 'Enter' && (!f.multiline || k.ctrlKey || k.metaKey)) commit();
      });
      field.addEventListener('change', commit);
      this.renderProblems(f.key, f.problems, problems);
    }
    const rest = document.createElement('ul');
    rest.className = 'af-node-problems';
    this.el.append(rest);
    this.renderNodeProblems(s.problems);
    const fixes = document.createElement('div');
    fixes.className = 'af-fixes';
    this.el.append(fixes);
    this.renderFixes(s);
    if (s.links || s.newEvent) this.renderEvents(s);
    this.el.hidden = false;
  }

  private linkButton(id: string, label: string): HTMLElement {
    const b = document.createElement('vscode-button');
    b.className = 'af-link';
    b.dataset.target = id;
    b.setAttribute('secondary', '');
    b.textContent = label;
    b.addEventListener('click', () => this.open(id));
    return b;
  }

  /** The file's panel: its catalog events (each opens its own panel) and a field to declare a new one. */
  private renderEvents(s: NodeSettings): void {
    const h = document.createElement('h3');
    h.textContent = 'Event catalog';
    const links = document.createElement('div');
    links.className = 'af-links';
    for (const l of s.links ?? []) links.append(this.linkButton(l.id, l.label));
    this.el.append(h, links);
    if (!s.newEvent) return;
    const row = document.createElement('div');
    row.className = 'af-new-event';
    const name = document.createElement('vscode-textfield') as HTMLElement & { value: string; placeholder: string };
    name.id = 'af-new-event';
    name.placeholder = 'New event, e.g. OrderPlaced';
    name.setAttribute('aria-label', 'Name of a new catalog event');
    const add = document.createElement('vscode-button');
    add.id = 'af-new-event-add';
    add.textContent = 'Add event';
    const submit = (): void => {
      const v = name.value.trim();
      if (v) this.post({ type: 'edit', version: this.version(), gesture: { kind: 'add-event', name: v } });
    };
    add.addEventListener('click', submit);
    name.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') submit();
    });
    row.append(name, add);
    this.el.append(row);
  }

  /** The quick fixes of the node's problems: one button each (the editor's code actions). */
  private renderFixes(s: NodeSettings): void {
    const box = this.el.querySelector<HTMLDivElement>('.af-fixes');
    if (!box) return;
    box.replaceChildren();
    if (s.fixes.length === 0) return;
    const h = document.createElement('h3');
    h.textContent = 'Quick fixes';
    box.append(h);
    for (const f of s.fixes) {
      const b = document.createElement('vscode-button');
      b.className = 'af-fix';
      b.setAttribute('secondary', '');
      b.title = f.problem;
      b.textContent = f.title;
      b.addEventListener('click', () => this.post({ type: 'edit', version: this.version(), gesture: { kind: 'fix', id: s.id, title: f.title } }));
      box.append(b);
    }
  }

  /** Puts the focus on the first quick fix (the badge was clicked). */
  focusFixes(): void {
    const first = this.el.querySelector<HTMLElement>('.af-fix');
    first?.scrollIntoView({ block: 'nearest' });
    // After the element upgrades (it takes its tabindex then).
    requestAnimationFrame(() => first?.focus());
  }

  private renderProblems(key: string, problems: readonly string[], list?: HTMLUListElement): void {
    const ul = list ?? this.el.querySelector<HTMLUListElement>(`.af-field[data-key="${CSS.escape(key)}"] .af-field-problems`);
    if (!ul) return;
    ul.replaceChildren(...problems.map((p) => {
      const li = document.createElement('li');
      li.textContent = p;
      return li;
    }));
  }

  private renderNodeProblems(problems: readonly string[]): void {
    const ul = this.el.querySelector<HTMLUListElement>('.af-node-problems');
    if (!ul) return;
    ul.replaceChildren(...problems.map((p) => {
      const li = document.createElement('li');
      li.textContent = p;
      return li;
    }));
  }
}
