import type { CodegenContext } from '../context';
import type { TypeModule } from '../json-schema-to-ts';
import { generatedHeader } from './header';

/** `src/generated/events.ts`: a type per catalog event (from its JSON Schema) and the catalog's sources. */
export function eventsTs(ctx: CodegenContext, types: TypeModule): string {
  const catalog = [...ctx.graph.events.values()]
    .map((e) => `  ${JSON.stringify(types.names.get(e.name))}: { source: ${JSON.stringify(e.source ?? ctx.name)}, detailType: ${JSON.stringify(e.detailType)} },\n`)
    .join('');
  return `${generatedHeader(ctx.name)}// The event catalog: one type per event, from its JSON Schema.\n\n${types.code}${types.code ? '\n' : ''}/** The EventBridge \`source\` and \`detail-type\` of each catalog event. */\nexport const CATALOG = {\n${catalog}} as const;\n`;
}
