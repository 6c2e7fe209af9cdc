import {
  layoutDiagram, provisionalLayout, reuseLayout, type DiagramModel, type ElkRunner, type LaidOutDiagram, type LayoutCache,
} from '../core/layout/index';

/** A finished layout: its structure key, the diagram and how long the worker took. */
export interface FinishedLayout {
  readonly key: string;
  readonly diagram: LaidOutDiagram;
  readonly ms: number;
}

/**
 * The layouts of one document's diagram. One layout runs at a time; while it runs, the newest model
 * waits (older waiting ones are dropped). A model whose structure was laid out already reuses the
 * positions; a changed structure gets a provisional diagram at once while its layout runs. The ELK
 * results of unchanged flows are kept, so an edit lays out only the flows it touched.
 */
export class LayoutScheduler {
  /** The last finished layout. */
  private done?: FinishedLayout;
  private readonly flows: LayoutCache = new Map();
  private running?: string;
  private waiting?: { key: string; model: DiagramModel };
  private first?: Promise<unknown>;

  /**
   * @param run lays out ELK graphs (in the worker)
   * @param finished called after each layout finishes, with its key
   * @param failed called when a layout fails
   */
  constructor(
    private readonly run: ElkRunner,
    private readonly finished: (layout: FinishedLayout) => void,
    private readonly failed: (err: unknown) => void,
  ) {}

  /**
   * The diagram to show for `model` now: the finished positions when the structure is the same, else
   * a provisional diagram while the real layout starts. Undefined before the first layout: wait with
   * `firstLayout`.
   */
  show(key: string, model: DiagramModel): { diagram: LaidOutDiagram; ms: number } | undefined {
    if (!this.done) return undefined;
    if (this.done.key === key) return { diagram: reuseLayout(this.done.diagram, model), ms: this.done.ms };
    this.start(key, model).catch(() => undefined);
    return { diagram: provisionalLayout(this.done.diagram, model), ms: 0 };
  }

  /** Waits for the document's first layout (started once, with the first model asked for); then `show` answers. */
  async firstLayout(key: string, model: DiagramModel): Promise<void> {
    this.first ??= this.start(key, model).finally(() => (this.first = undefined));
    await this.first;
  }

  /** The key of the last finished layout. */
  get finishedKey(): string | undefined {
    return this.done?.key;
  }

  /**
   * Lays `model` out, one layout at a time; the newest waiting model wins. Resolves when this layout
   * is done (at once when it had to wait its turn); rejects if ELK failed.
   */
  private start(key: string, model: DiagramModel): Promise<unknown> {
    if (this.running !== undefined) {
      if (this.running !== key) this.waiting = { key, model };
      return Promise.resolve();
    }
    this.running = key;
    const started = performance.now();
    return layoutDiagram(model, this.run, this.flows).then(
      (diagram) => {
        this.done = { key, diagram, ms: Math.round(performance.now() - started) };
        this.running = undefined;
        const next = this.waiting;
        this.waiting = undefined;
        if (next && next.key !== key) this.start(next.key, next.model).catch(() => undefined);
        this.finished(this.done);
      },
      (err: unknown) => {
        this.running = undefined;
        this.waiting = undefined;
        this.failed(err);
        throw err;
      },
    );
  }
}
