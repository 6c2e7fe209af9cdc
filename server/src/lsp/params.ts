import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

/** What a request's params must hold for its handler to run: checked before it runs. */
type Shape = readonly ('textDocument' | 'position' | 'range' | 'positions' | 'newName')[];

/** The params every handled request needs (optional fields are the handlers' business). */
export const REQUIRED_PARAMS: Readonly<Record<string, Shape>> = {
  'textDocument/hover': ['textDocument', 'position'],
  'textDocument/completion': ['textDocument', 'position'],
  'textDocument/definition': ['textDocument', 'position'],
  'textDocument/references': ['textDocument', 'position'],
  'textDocument/prepareRename': ['textDocument', 'position'],
  'textDocument/rename': ['textDocument', 'position', 'newName'],
  'textDocument/documentSymbol': ['textDocument'],
  'textDocument/foldingRange': ['textDocument'],
  'textDocument/selectionRange': ['textDocument', 'positions'],
  'textDocument/codeAction': ['textDocument', 'range'],
  'textDocument/codeLens': ['textDocument'],
  'codeLens/resolve': ['range'],
  'arch/diagram': ['textDocument'],
  'arch/generate': ['textDocument'],
  'arch/deploy': ['textDocument'],
  'arch/diagramEdit': ['textDocument'],
  'arch/nodeSettings': ['textDocument'],
  // `arch/import` answers params without a text with an `import/parse` problem (test/lsp/import.test.ts).
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
const isPosition = (v: unknown): boolean => isObject(v) && isUint(v.line) && isUint(v.character);
const isRange = (v: unknown): boolean => isObject(v) && isPosition(v.start) && isPosition(v.end);

/** What is wrong with `params` for `method`, or undefined when they have what its handler needs. */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const shape = REQUIRED_PARAMS[method];
  if (!shape) return undefined;
  if (!isObject(params)) return `${method}: params must be an object`;
  for (const field of shape) {
    const v = params[field];
    switch (field) {
      case 'textDocument':
        if (!isObject(v) || typeof v.uri !== 'string') return `${method}: params.textDocument.uri must be a string`;
        break;
      case 'position':
        if (!isPosition(v)) return `${method}: params.position must be { line, character } with non-negative integers`;
        break;
      case 'range':
        if (!isRange(v)) return `${method}: params.range must be { start, end } positions`;
        break;
      case 'positions':
        if (!Array.isArray(v) || !v.every(isPosition)) return `${method}: params.positions must be a list of { line, character }`;
        break;
      case 'newName':
        if (typeof v !== 'string') return `${method}: params.${field} must be a string`;
        break;
    }
  }
  return undefined;
}

/** The `connection.on…` registrations whose handlers get checked params, with their methods. */
const REGISTRATIONS: Readonly<Record<string, string>> = {
  onHover: 'textDocument/hover',
  onCompletion: 'textDocument/completion',
  onDefinition: 'textDocument/definition',
  onReferences: 'textDocument/references',
  onPrepareRename: 'textDocument/prepareRename',
  onRenameRequest: 'textDocument/rename',
  onDocumentSymbol: 'textDocument/documentSymbol',
  onFoldingRanges: 'textDocument/foldingRange',
  onSelectionRanges: 'textDocument/selectionRange',
  onCodeAction: 'textDocument/codeAction',
  onCodeLens: 'textDocument/codeLens',
  onCodeLensResolve: 'codeLens/resolve',
};

type Handler = (params: unknown, ...rest: unknown[]) => unknown;

function checked(method: string, handler: Handler): Handler {
  return (params, ...rest) => {
    const problem = paramsProblem(method, params);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    return handler(params, ...rest);
  };
}

/**
 * The connection, with every request handler registered through it answering params it cannot use
 * with `InvalidParams` (−32602) instead of failing inside with `InternalError` (−32603).
 */
export function withCheckedParams(connection: Connection): Connection {
  return new Proxy(connection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (typeof prop === 'string' && prop in REGISTRATIONS) {
        const method = REGISTRATIONS[prop]!;
        return (handler: Handler) => fn.call(target, checked(method, handler));
      }
      if (prop === 'onRequest') {
        return (type: unknown, handler?: unknown) => {
          const method = typeof type === 'string' ? type : (type as { method?: string } | undefined)?.method;
          if (typeof handler !== 'function' || !method) return fn.call(target, type, handler);
          return fn.call(target, type, checked(method, handler as Handler));
        };
      }
      return fn.bind(target);
    },
  });
}
