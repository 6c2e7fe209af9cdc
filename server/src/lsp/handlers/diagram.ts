import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  buildDiagramModel, isDrawable, layoutKey, layoutWithBudget, limitModel, provisionalLayout, relocate, reuseLayout, withProblems,
  type DiagramModel, type ElkRunner, type LaidOutDiagram, type LayoutCache,
} from '../../core/layout/index';
import { DiagramChangedNotification, DiagramRequest, type DiagramResult, type ElementSource } from '../../protocol';
import { toRange } from '../convert';
import { createWorkerRunner } from '../layout-runner';
import type { ArchServices } from '../services';

/** What the diagram handler remembers of one document. */
interface DocumentState {
  /** The client asked for this document's diagram: tell it when it changes. */
  watched: boolean;
  /** The model of the last version that could be read (shown, stale, while the text cannot). */
  lastGood?: DiagramModel;
  /** The last finished layout and its key: a model with the same key reuses the positions. */
  laidOut?: { key: string; diagram: LaidOutDiagram; ms: number };
  /** The ELK results of the flows of the last layout: an edit in one flow lays out that flow only. */
  readonly flows: LayoutCache;
  /**
   * The layout running in the worker. A newer structure cancels it: its flows still waiting are
   * dropped, the one ELK is on finishes into `flows`, and the new layout reuses what is done.
   */
  job?: { key: string; controller: AbortController; promise: Promise<void> };
  /** The diagram of a version, computed once per analysis. */
  result?: { version: number; promise: Promise<DiagramResult | null> };
}

/** The diagram handler's hooks for the server. */
export interface DiagramHandler {
  /** A new version of `uri` was analysed: prepare its diagram and tell the client. */
  analysed(uri: string, version: number): void;
  dispose(): Promise<void>;
}

/**
 * Serves `arch/diagram` and sends `arch/diagramChanged`. The model is built on the main thread
 * (cheap); ELK runs in a worker thread, so typing and diagnostics never wait for a layout. While a
 * changed structure is being laid out, the answer is a provisional diagram (the previous positions,
 * new elements placed roughly), so every edit shows at once; when the layout is done the client is
 * told again. A document that cannot be read keeps its last good diagram with the current problems.
 */
export function addDiagramHandler(services: ArchServices, runner?: ElkRunner): DiagramHandler {
  const { connection, documents } = services;
  const worker = runner ? undefined : createWorkerRunner();
  const run: ElkRunner = runner ?? worker!.run;
  const states = new Map<string, DocumentState>();

  const stateOf = (uri: string): DocumentState => {
    let s = states.get(uri);
    if (!s) states.set(uri, (s = { watched: false, flows: new Map() }));
    return s;
  };

  const notify = (uri: string): void => {
    const doc = documents.get(uri);
    if (doc && states.get(uri)?.watched) void connection.sendNotification(DiagramChangedNotification.type, { uri, version: doc.version });
  };

  /**
   * Lays `model` out in the worker within the layout budget (a deadline; budget.ts), cancelling the
   * document's layout of an older structure. Resolves when this layout is done or was cancelled by a
   * newer one; rejects if ELK failed.
   */
  const startLayout = (uri: string, st: DocumentState, key: string, model: DiagramModel): Promise<void> => {
    if (st.job?.key === key) return st.job.promise;
    st.job?.controller.abort(new Error('a newer version of the document is being laid out'));
    const controller = new AbortController();
    const started = performance.now();
    const job = { key, controller, promise: Promise.resolve() };
    job.promise = layoutWithBudget(model, run, st.flows, { signal: controller.signal }).then(
      (diagram) => {
        if (st.job !== job) return;
        st.job = undefined;
        st.laidOut = { key, diagram, ms: Math.round(performance.now() - started) };
        st.result = undefined; // the next request gets the real layout
        if (states.get(uri) === st) notify(uri);
      },
      (err: unknown) => {
        if (st.job === job) st.job = undefined;
        if (controller.signal.aborted) return; // stale: the newer layout takes over
        connection.console.error(`archflow: layout of ${uri} failed: ${(err as Error)?.stack ?? err}`);
        throw err;
      },
    );
    st.job = job;
    return job.promise;
  };

  /** The model to show for the current analysis. */
  const modelOf = async (uri: string, st: DocumentState): Promise<{ doc: TextDocument; model: DiagramModel } | undefined> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = documents.get(uri);
      if (!doc) return undefined;
      const analysis = await services.currentAnalysis(uri);
      const now = documents.get(uri);
      if (!analysis || !now) return undefined;
      if (now.version !== doc.version) continue; // edited while we waited for the settings
      // At most MAX_DIAGRAM_NODES elements, with a notice when the file has more (budget.ts).
      if (isDrawable(analysis)) {
        const model = limitModel(buildDiagramModel(analysis));
        st.lastGood = model;
        return { doc: now, model };
      }
      const model = st.lastGood
        ? withProblems(relocate(st.lastGood, analysis.doc), analysis.problems, true)
        : limitModel(buildDiagramModel(analysis));
      return { doc: now, model };
    }
    return undefined;
  };

  const compute = async (uri: string, st: DocumentState): Promise<DiagramResult | null> => {
    const found = await modelOf(uri, st);
    if (!found) return null;
    const { doc, model } = found;
    const key = layoutKey(model);
    let diagram: LaidOutDiagram;
    let ms = 0;
    if (st.laidOut?.key === key) {
      diagram = reuseLayout(st.laidOut.diagram, model);
      ms = st.laidOut.ms;
    } else if (st.laidOut) {
      startLayout(uri, st, key, model).catch(() => undefined);
      diagram = provisionalLayout(st.laidOut.diagram, model);
    } else {
      // The first diagram of the document: wait for its layout.
      await startLayout(uri, st, key, model);
      const done = st.laidOut as DocumentState['laidOut']; // set by the layout just awaited
      // Edited meanwhile (the layout was cancelled, or laid out an older structure): start over.
      if (!done || done.key !== key) return compute(uri, st);
      diagram = reuseLayout(done.diagram, model);
      ms = done.ms;
    }
    const sources: Record<string, ElementSource> = {};
    for (const el of [...model.nodes, ...model.edges]) {
      sources[el.id] = { range: toRange(doc, el.span), extent: toRange(doc, el.extent) };
    }
    return { uri, version: doc.version, diagram, sources, layoutMs: ms };
  };

  /** The diagram of the current version, computed once per analysis. */
  const diagramOf = (uri: string): Promise<DiagramResult | null> => {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(null);
    const st = stateOf(uri);
    if (st.result && st.result.version === doc.version) return st.result.promise;
    const promise = compute(uri, st);
    st.result = { version: doc.version, promise };
    promise.catch(() => {
      if (st.result?.promise === promise) st.result = undefined;
    });
    return promise;
  };

  connection.onRequest(DiagramRequest.type, async (params) => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return null;
    stateOf(uri).watched = true;
    try {
      return await diagramOf(uri);
    } catch (err) {
      connection.console.error(`archflow: diagram of ${uri} failed: ${(err as Error)?.stack ?? err}`);
      throw err;
    }
  });

  documents.onDidClose((e) => states.delete(e.document.uri));

  return {
    analysed(uri) {
      const st = states.get(uri);
      if (!st?.watched) return;
      st.result = undefined; // a new analysis (an edit, or new settings for the same version)
      // Start now: the provisional diagram is ready at once and the layout is under way.
      diagramOf(uri).catch(() => undefined);
      notify(uri);
    },
    async dispose() {
      await worker?.dispose();
    },
  };
}
