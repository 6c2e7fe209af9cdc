/**
 * The drawing format: everything the renderer needs to draw a laid-out diagram, in pixels, as plain
 * JSON. The language server sends it to the webview (`arch/diagram`) and the CLI renders it
 * (`archflow graph`). The renderer owns this format and imports nothing: the core's layout produces
 * it (`core/layout/drawing.ts`), and what a kind looks like travels as data (`icons`), so a new kind
 * needs no change here.
 */

/** How bad a problem is. */
export type Severity = 'error' | 'warning' | 'info';

/** The three lanes of the event-driven model, left to right. */
export type Lane = 'producer' | 'router' | 'consumer';

/** What an edge means: a trigger, an emit, where failures go, or where an asynchronous invocation's results go. */
export type EdgeKind = 'trigger' | 'emit' | 'dead-letter' | 'on-failure' | 'on-success';

/** A point of the drawing (pixels, origin top left). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A rectangle of the drawing. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One setting shown in a node's tooltip: `memory` → `512 MB`. */
export interface KeySetting {
  readonly name: string;
  readonly value: string;
}

/** One problem as the diagram shows it (in a tooltip). */
export interface DiagramProblem {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

/** The problems on one element: how many, the worst, and the list (worst first). */
export interface ProblemSummary {
  readonly count: number;
  readonly worst?: Severity;
  readonly items: readonly DiagramProblem[];
}

/** A picture: a glyph on a coloured tile (what the nodes of one icon look like). */
export interface IconDef {
  /** SVG path data in a 24 × 24 box, stroked in white. */
  readonly glyph: string;
  /** The tile's colour (`#rrggbb`). */
  readonly colour: string;
}

/** A node, placed. */
export interface DrawnNode extends Box {
  /** The node's name (unique in the file). */
  readonly id: string;
  /** Its kind (`queue`, `function`, …), written on the element as `data-kind`. */
  readonly kind: string;
  /** Its picture: a key of `Drawing.icons`. */
  readonly icon: string;
  readonly lane: Lane;
  /** The name as drawn (shortened with an ellipsis when too wide). */
  readonly label: string;
  /** The second line: what it is (`SQS queue`, `Lambda · nodejs24.x`). */
  readonly subtitle: string;
  readonly description?: string;
  /** The settings that matter when reviewing the design, for the tooltip. */
  readonly settings: readonly KeySetting[];
  readonly problems: ProblemSummary;
}

/** An edge with its orthogonal route and the box of its label. */
export interface DrawnEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** How it is delivered (`queue-mapping`, `bus-rule`, …), written on the element as `data-mechanism`. */
  readonly mechanism: string;
  /** Event names, batch sizes, filters, rule names: `rule placed · OrderPlaced`; empty for none. */
  readonly label: string;
  readonly problems: ProblemSummary;
  /** Start, bends and end. */
  readonly points: readonly Point[];
  /** Where the label goes (absent when the label is empty). */
  readonly labelBox?: Box;
}

/** A copy of an emit target at its flow's right side, where the flow's blue "emits" edges end. */
export interface DrawnProxy extends Box {
  readonly id: string;
  /** The node it stands for. */
  readonly of: string;
  readonly label: string;
  /** The id of its flow. */
  readonly flow: string;
}

/** A flow as a row of the drawing: a header (name, node count, collapse toggle) over its content. */
export interface DrawnFlow extends Box {
  readonly id: string;
  readonly title: string;
  readonly nodes: number;
  /** Height of the header row. */
  readonly header: number;
}

/** A lane's band with its header. */
export interface DrawnLane extends Box {
  readonly lane: Lane;
  readonly title: string;
}

/** A laid-out diagram, ready to draw. */
export interface Drawing {
  readonly name?: string;
  readonly width: number;
  readonly height: number;
  /** The file cannot be read now: this is the last good diagram with the current problems. */
  readonly stale: boolean;
  /** The layout of a changed structure is running: new elements are placed roughly for now. */
  readonly provisional?: boolean;
  /** Why the diagram shows less, or is arranged more simply, than the file (a budget was reached). */
  readonly notice?: string;
  readonly problems: ProblemSummary;
  readonly lanes: readonly DrawnLane[];
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
  /** Copies of emit targets at the flows' right sides (absent: emits end on their targets). */
  readonly proxies?: readonly DrawnProxy[];
  /**
   * The flows, top to bottom, each a row with a header (absent or empty: one block, not collapsible).
   * A node, edge label or proxy belongs to the flow whose box holds it; an edge to its source's flow.
   */
  readonly flows?: readonly DrawnFlow[];
  /** The picture of every `icon` the nodes use, by id. */
  readonly icons: Readonly<Record<string, IconDef>>;
}
