import {
  layoutWithBudget, provisionalLayout, reuseLayout, type DiagramModel, type ElkRunner, type LaidOutDiagram, type LayoutCache, type ShapeStore,
} from '../core/layout/index';

/** A finished layout: its structure key, the diagram and how long the worker took. */
export interface FinishedLayout {
  readonly key: string;
  readonly diagram: LaidOutDiagram;
  readonly ms: number;
}

/**
 * The layouts of one document's diagram, within the layout budget (core/layout/budget.ts: a deadline,
 * then a simple arrangement). One layout runs at a time. A newer structure makes the one under way
 * stale: it is cancelled (its flows still waiting are dropped; the flow ELK is on finishes into the
 * cache) and the newest starts at once, reusing every flow already done. A model whose structure was
 * laid out already reuses the positions; a changed structure gets a provisional diagram at once
 * while its layout runs. The ELK results of unchanged flows are kept, so an edit lays out only the
 * flows it touched.
 */
export class LayoutScheduler {
  /** The last finished layout. */
  private done?: FinishedLayout;
  private readonly flows: LayoutCache = new Map();
  private job?: { key: string; controller: AbortController; promise: Promise<void> };
  private first?: Promise<unknown>;

  /**
   * @param run lays out ELK graphs (in the worker)
   * @param finished called after each layout finishes, with its key
   * @param failed called when a layout fails
   * @param store layouts of flow shapes shared with other documents (and sessions, on disk)
   */
  constructor(
    private readonly run: ElkRunner,
    private readonly finished: (layout: FinishedLayout) => void,
    private readonly failed: (err: unknown) => void,
    private readonly store?: ShapeStore,
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
   * Lays `model` out, cancelling a layout of another structure under way. Resolves when this layout
   * is done, or when a newer one cancelled it; rejects if ELK failed.
   */
  private start(key: string, model: DiagramModel): Promise<void> {
    if (this.job?.key === key) return this.job.promise;
    this.job?.controller.abort(new Error('a newer structure of the document is being laid out'));
    const controller = new AbortController();
    const started = performance.now();
    const job = { key, controller, promise: Promise.resolve() };
    job.promise = layoutWithBudget(model, this.run, this.flows, { signal: controller.signal, ...(this.store ? { store: this.store } : {}) }).then(
      (diagram) => {
        if (this.job !== job) return;
        this.job = undefined;
        this.done = { key, diagram, ms: Math.round(performance.now() - started) };
        this.finished(this.done);
      },
      (err: unknown) => {
        if (this.job === job) this.job = undefined;
        if (controller.signal.aborted && !(err instanceof Error && err.name === 'LayoutTimeout')) return; // stale: the newer layout takes over
        this.failed(err);
        throw err;
      },
    );
    this.job = job;
    return job.promise;
  }
}
