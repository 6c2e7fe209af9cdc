import type { EdgeKind, Mechanism } from '../model/graph';
import type { Lane, NodeKind } from '../kinds/index';
import type { Box, DiagramProblem, IconDef, KeySetting, Point, ProblemSummary } from '../../../../renderer/src/drawing';
import type { Pointer, Span } from '../span';

export type { Box, DiagramProblem, IconDef, KeySetting, Point, ProblemSummary };

/** The id of the picture drawn for a node (`queue`, `fifo-queue`, `api`, …): a key of the diagram's `icons`, given by the node's kind. */
export type IconKind = string;

/** A node of the diagram before layout. */
export interface DiagramNode {
  /** The node's name (unique in the file). */
  readonly id: string;
  readonly kind: NodeKind;
  readonly icon: IconKind;
  readonly lane: Lane;
  /** The name as drawn (shortened with an ellipsis when too wide). */
  readonly label: string;
  /** The second line: what it is (`SQS queue`, `Lambda · nodejs24.x`). */
  readonly subtitle: string;
  readonly description?: string;
  /** The settings that matter when reviewing the design, for the tooltip. */
  readonly settings: readonly KeySetting[];
  readonly problems: ProblemSummary;
  /** Where it is declared (`['routers', 'billing']`). */
  readonly pointer: Pointer;
  /** Its name in the text (revealed and selected on click). */
  readonly span: Span;
  /** The whole declaration in the text (the cursor anywhere inside selects the node). */
  readonly extent: Span;
}

/** An edge of the diagram before layout. */
export interface DiagramEdge {
  /** The graph edge's id: the pointer of the reference (`/routers/billing/to/function`). */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly mechanism: Mechanism;
  /** Event names, batch sizes, filters, rule names: `rule placed · OrderPlaced`; empty for none. */
  readonly label: string;
  readonly problems: ProblemSummary;
  readonly pointer: Pointer;
  /** The object holding the edge's options (the reference itself when written as a bare name). */
  readonly optionsAt: Pointer;
  /** The reference naming the target. */
  readonly span: Span;
  /** The reference with its options. */
  readonly extent: Span;
}

/**
 * The diagram of a document before layout: nodes and edges sorted by name, so the same
 * structure always gives the same input to the layout.
 */
export interface DiagramModel {
  readonly name?: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** Every problem of the document (nodes' or not), for the header. */
  readonly problems: ProblemSummary;
  /**
   * True when the document cannot be read now (YAML syntax errors, no value) and this is the last
   * good graph, shown with the current problems overlaid.
   */
  readonly stale: boolean;
  /** Why the diagram shows less, or is arranged more simply, than the file (a budget was reached; budget.ts). */
  readonly notice?: string;
  /** The pictures the nodes use, by id: the renderer keeps no table of its own. */
  readonly icons: Readonly<Record<string, IconDef>>;
}

/** A node with its position and size. */
export interface LaidOutNode extends DiagramNode, Box {}

/** An edge with its orthogonal route and the box of its label. */
export interface LaidOutEdge extends DiagramEdge {
  /** Start, bends and end. */
  readonly points: readonly Point[];
  /** Where the label goes (absent when the label is empty). */
  readonly labelBox?: Box;
}

/**
 * Where a flow's emits end: a copy of their target drawn at the flow's right side ("the bus drawn
 * once per flow side"), so a blue edge goes a short way right instead of back across the picture.
 */
export interface LaidOutProxy extends Box {
  /** `<flow id>/<target>`: unique in the diagram. */
  readonly id: string;
  /** The node it stands for (its click selects that node). */
  readonly of: string;
  /** The target's name as drawn. */
  readonly label: string;
  /** The id of its flow. */
  readonly flow: string;
}

/** A flow (a connected part of the diagram) as a row: its header and its content. Collapsible. */
export interface LaidOutFlow extends Box {
  /** The id of its first node (stable across edits that do not remove that node). */
  readonly id: string;
  /** What the header says: the first node's name. */
  readonly title: string;
  /** How many nodes it has. */
  readonly nodes: number;
  /** Height of the header row at its top (the rest is the content). */
  readonly header: number;
}

/** A lane's band with its header. */
export interface LaneBox extends Box {
  readonly lane: Lane;
  readonly title: string;
}

/**
 * The laid-out diagram with the source of every element (pointers and spans): what the CLI prints as
 * JSON. `toDrawing` (drawing.ts) keeps what the renderer draws.
 */
export interface LaidOutDiagram {
  readonly name?: string;
  readonly width: number;
  readonly height: number;
  readonly stale: boolean;
  /**
   * True while the layout of a new structure runs: elements seen before keep their places, new ones
   * are placed roughly (under their lane, straight routes). The real layout follows.
   */
  readonly provisional?: boolean;
  /** Why the diagram shows less, or is arranged more simply, than the file (shown above it). */
  readonly notice?: string;
  /**
   * The part of `notice` about the arrangement itself (the layout ran out of time): it stays with
   * these positions when they are reused for a new version of the same structure.
   */
  readonly layoutNotice?: string;
  readonly problems: ProblemSummary;
  readonly lanes: readonly LaneBox[];
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
  /** The copies of emit targets at the flows' right sides (absent: emits end on their targets). */
  readonly proxies?: readonly LaidOutProxy[];
  /** The flows as rows, top to bottom (absent or empty: not collapsible). */
  readonly flows?: readonly LaidOutFlow[];
  /** The pictures the nodes use, by id. */
  readonly icons: Readonly<Record<string, IconDef>>;
}

/** The lanes, left to right. */
export const LANES: readonly Lane[] = ['producer', 'router', 'consumer'];

/** Lane headers. */
export const LANE_TITLES: Readonly<Record<Lane, string>> = { producer: 'Producers', router: 'Routers', consumer: 'Consumers' };

/** Sizes the layout and the renderer agree on (pixels). */
export const METRICS = {
  nodeHeight: 56,
  nodeMinWidth: 176,
  nodeMaxWidth: 264,
  /** Room for the icon on the left of a node. */
  iconBox: 44,
  nodePaddingRight: 14,
  titleFont: 13,
  subtitleFont: 11,
  labelFont: 11,
  labelPaddingX: 6,
  labelHeight: 18,
  laneHeader: 40,
  margin: 24,
  /** A flow's header row (its name and collapse toggle), when the diagram has several flows. */
  flowHeader: 24,
  /** The copy of an emit target at a flow's right side. */
  proxyHeight: 32,
  proxyFont: 12,
} as const;
