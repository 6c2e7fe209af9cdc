/**
 * Code generation: architecture → files (template, handlers, generated types, build, tests). Pure:
 * it returns files and never writes them (server/src/project/writer.ts writes them, for the CLI, the
 * language server and deploy alike).
 */
export { generate, stageFolder, type GenerateInput, type GenerateOptions, type GeneratedProject, type TemplateSet } from './generate';
export {
  decideWrites, mergePackageJson, parseManifest, MANIFEST_PATH,
  type DecideContext, type Manifest, type Ownership, type PlannedFile, type ReplaceReason, type WriteAction, type WriteDecision,
} from './manifest';
export { isGeneratedScript } from './templates/project-files';
export { schemasToTypes, typeOfValue, type NamedSchema, type TypeModule } from './json-schema-to-ts';
export { isSafeRelativePath } from './names';
export { sha256 } from './sha256';
export type { Template, Resource, FunctionDeployment } from './cloudformation';
export { layoutOfTemplates, ROOT_STACK, stackPath, templateText, type StackLayout, type StackReport } from './stacks';
