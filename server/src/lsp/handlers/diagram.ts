import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDiagramModel, isDrawable, layoutKey, limitModel, relocate, toDrawing, withProblems, type DiagramModel, type ElkRunner, type ShapeStore } from '../../core/layout/index';
import { DiagramChangedNotification, DiagramRequest, type DiagramResult, type ElementSource } from '../../protocol';
import { toRange } from '../convert';
import { createWorkerRunner } from '../../layout/layout-runner';
import { join } from 'node:path';
import { createShapeStore, type PersistentShapeStore } from '../../layout/shape-store';
import { LayoutScheduler } from '../layout-scheduler';
import type { ArchServices } from '../services';

/** What the diagram handler remembers of one document. */
interface DocumentState {
  /** The client asked for this document's diagram: tell it when it changes. */
  watched: boolean;
  /** The model of the last version that could be read (shown, stale, while the text cannot). */
  lastGood?: DiagramModel;
  /** Its layouts (one at a time, in the worker). */
  readonly layouts: LayoutScheduler;
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
export function addDiagramHandler(connection: Connection, services: ArchServices, runner?: ElkRunner): DiagramHandler {
  const { documents } = services;
  const worker = runner ? undefined : createWorkerRunner();
  /**
   * Layouts of flow shapes kept on disk, in the folder the client gives (`layoutCache`): read when the
   * first diagram is opened, shared by every document.
   */
  let store: PersistentShapeStore | undefined;
  const shapes: ShapeStore = { get: (key) => store?.get(key), set: (key, shape) => store?.set(key, shape) };
  const run: ElkRunner = runner ?? worker!.run;
  const states = new Map<string, DocumentState>();
  let warming = false;

  const stateOf = (uri: string): DocumentState => {
    let s = states.get(uri);
    if (!s) {
      const st: DocumentState = {
        watched: false,
        layouts: new LayoutScheduler(
          run,
          () => {
            st.result = undefined; // the next request gets the real layout
            if (states.get(uri) === st) notify(uri);
          },
          (err) => connection.console.error(`archflow: layout of ${uri} failed: ${(err as Error)?.stack ?? err}`),
          shapes,
        ),
      };
      states.set(uri, (s = st));
    }
    return s;
  };

  const notify = (uri: string): void => {
    const doc = documents.get(uri);
    if (doc && states.get(uri)?.watched) void connection.sendNotification(DiagramChangedNotification.type, { uri, version: doc.version });
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
    let shown = st.layouts.show(key, model);
    if (!shown) {
      // The first diagram of the document: wait for its layout.
      await st.layouts.firstLayout(key, model);
      const done = st.layouts.finishedKey;
      if (done === undefined) return null;
      if (done !== key) return compute(uri, st); // edited meanwhile: provisional from the first layout
      shown = st.layouts.show(key, model)!;
    }
    const { diagram, ms } = shown;
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
    // A diagram is open: start the layout workers now, so that they load and warm ELK up while the
    // document's model is built, instead of at every server start (seconds of CPU each, for
    // nothing when no diagram is opened; layout-worker.ts WARM_UP_ROUNDS).
    if (worker && !warming) {
      warming = true;
      connection.console.info('archflow: a diagram was opened; starting the layout workers');
      void worker.start();
      const folder = services.initializationOptions.layoutCache;
      if (folder) store = createShapeStore(join(folder, 'layout-shapes.json'));
    }
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
      store?.flush();
      await worker?.dispose();
    },
  };
}
