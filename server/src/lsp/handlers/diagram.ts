import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  buildDiagramModel, isDrawable, layoutDiagram, layoutKey, provisionalLayout, relocate, reuseLayout, toDrawing, withProblems,
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
  /** The key being laid out in the worker, and the newest model waiting for its turn. */
  running?: string;
  next?: { key: string; model: DiagramModel };
  /** Waiting for the first layout of the document (nothing to show before it). */
  first?: Promise<unknown>;
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
   * Lays `model` out in the worker, one layout at a time per document; the newest waiting model wins.
   * Resolves when this layout is done (at once when it had to wait its turn); rejects if ELK failed.
   */
  const startLayout = (uri: string, st: DocumentState, key: string, model: DiagramModel): Promise<unknown> => {
    if (st.running !== undefined) {
      if (st.running !== key) st.next = { key, model };
      return Promise.resolve();
    }
    st.running = key;
    const started = performance.now();
    return layoutDiagram(model, run, st.flows).then(
      (diagram) => {
        st.laidOut = { key, diagram, ms: Math.round(performance.now() - started) };
        st.running = undefined;
        st.result = undefined; // the next request gets the real layout
        const next = st.next;
        st.next = undefined;
        if (next && next.key !== key) startLayout(uri, st, next.key, next.model).catch(() => undefined);
        if (states.get(uri) === st) notify(uri);
      },
      (err: unknown) => {
        st.running = undefined;
        st.next = undefined;
        connection.console.error(`archflow: layout of ${uri} failed: ${(err as Error)?.stack ?? err}`);
        throw err;
      },
    );
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
      if (isDrawable(analysis)) {
        const model = buildDiagramModel(analysis);
        st.lastGood = model;
        return { doc: now, model };
      }
      const model = st.lastGood
        ? withProblems(relocate(st.lastGood, analysis.doc), analysis.problems, true)
        : buildDiagramModel(analysis);
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
      st.first ??= startLayout(uri, st, key, model).finally(() => (st.first = undefined));
      await st.first;
      const done = st.laidOut as DocumentState['laidOut']; // set by the layout just awaited
      if (!done) return null;
      if (done.key !== key) return compute(uri, st); // edited meanwhile: provisional from the first layout
      diagram = reuseLayout(done.diagram, model);
      ms = done.ms;
    }
    const sources: Record<string, ElementSource> = {};
    for (const el of [...model.nodes, ...model.edges]) {
      sources[el.id] = { range: toRange(doc, el.span), extent: toRange(doc, el.extent) };
    }
    return { uri, version: doc.version, diagram: toDrawing(diagram), sources, layoutMs: ms };
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
