import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  buildDiagramModel, isDrawable, layoutDiagram, layoutKey, relocate, reuseLayout, withProblems,
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
  /** The last layout and its key: a model with the same key reuses the positions. */
  laidOut?: { key: string; diagram: LaidOutDiagram; seq: number };
  /** The ELK results of the flows of the last layout: an edit in one flow lays out that flow only. */
  readonly flows: LayoutCache;
  /** The diagram of a version, computed (or being computed) once. */
  result?: { version: number; promise: Promise<DiagramResult | null> };
  /** Layouts run one at a time per document. */
  chain: Promise<unknown>;
}

/** The diagram handler's hooks for the server. */
export interface DiagramHandler {
  /** A new version of `uri` was analysed: start its layout and tell the client. */
  analysed(uri: string, version: number): void;
  dispose(): Promise<void>;
}

/**
 * Serves `arch/diagram` and sends `arch/diagramChanged`. The model is built on the main thread
 * (cheap); ELK runs in a worker thread, so typing and diagnostics never wait for a layout. A
 * document that cannot be read keeps its last good diagram with the current problems overlaid.
 */
export function addDiagramHandler(services: ArchServices, runner?: ElkRunner): DiagramHandler {
  const { connection, documents } = services;
  const worker = runner ? undefined : createWorkerRunner();
  const run: ElkRunner = runner ?? worker!.run;
  const states = new Map<string, DocumentState>();
  let seq = 0;

  const stateOf = (uri: string): DocumentState => {
    let s = states.get(uri);
    if (!s) states.set(uri, (s = { watched: false, flows: new Map(), chain: Promise.resolve() }));
    return s;
  };

  const layout = async (st: DocumentState, model: DiagramModel): Promise<{ diagram: LaidOutDiagram; ms: number }> => {
    const key = layoutKey(model);
    if (st.laidOut?.key === key) return { diagram: reuseLayout(st.laidOut.diagram, model), ms: 0 };
    const mine = ++seq;
    const started = performance.now();
    const diagram = await layoutDiagram(model, run, st.flows);
    if (!st.laidOut || st.laidOut.seq < mine) st.laidOut = { key, diagram, seq: mine };
    return { diagram, ms: Math.round(performance.now() - started) };
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
    const { diagram, ms } = await layout(st, model);
    const sources: Record<string, ElementSource> = {};
    for (const el of [...model.nodes, ...model.edges]) {
      sources[el.id] = { range: toRange(doc, el.span), extent: toRange(doc, el.extent) };
    }
    return { uri, version: doc.version, diagram, sources, layoutMs: ms };
  };

  /** The diagram of the current version: computed once per version, one document at a time. */
  const diagramOf = (uri: string): Promise<DiagramResult | null> => {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(null);
    const st = stateOf(uri);
    if (st.result && st.result.version === doc.version) return st.result.promise;
    const promise = st.chain.then(() => compute(uri, st));
    st.chain = promise.catch(() => undefined);
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
    analysed(uri, version) {
      const st = states.get(uri);
      if (!st?.watched) return;
      st.result = undefined; // a new analysis (an edit, or new settings for the same version)
      // Start the layout now: by the time the client asks, it is (nearly) done.
      diagramOf(uri).catch(() => undefined);
      void connection.sendNotification(DiagramChangedNotification.type, { uri, version });
    },
    async dispose() {
      await worker?.dispose();
    },
  };
}
