import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { importTemplate } from '../../core/import/import-template';
import { ImportTemplateRequest, type ImportTemplateResult } from '../../protocol';
import { toRange } from '../convert';
import type { ArchServices } from '../services';

/**
 * `arch/import`: converts a SAM or CloudFormation template (sent as text) into an architecture file.
 * Touches no file: the client reads the template and writes the result.
 */
export function addImportHandler(connection: Connection, _services: ArchServices): void {
  connection.onRequest(ImportTemplateRequest.type, (params): ImportTemplateResult => {
    const text = typeof params?.text === 'string' ? params.text : '';
    const fileName = typeof params?.fileName === 'string' ? params.fileName : 'template.yaml';
    const result = importTemplate(text, fileName);
    const doc = TextDocument.create('template:' + fileName, 'yaml', 0, text);
    return {
      yaml: result.yaml,
      name: result.name,
      notes: result.notes,
      problems: result.problems.map((p) => ({ code: p.code, message: p.message, range: toRange(doc, p.span) })),
    };
  });
}
