/**
 * Code generation: architecture → files (template, handlers, generated types, build, tests). Pure:
 * it returns files and never writes them (see server/src/codegen-writer.ts for the Node writer).
 */
export { generate, type GenerateInput, type GenerateOptions, type GeneratedProject } from './generate';
export { decideWrites, mergePackageJson, parseManifest, MANIFEST_PATH, type Manifest, type Ownership, type PlannedFile, type WriteAction, type WriteDecision } from './manifest';
export { schemasToTypes, typeOfValue, type NamedSchema, type TypeModule } from './json-schema-to-ts';
export { isSafeRelativePath } from './names';
export { sha256 } from './sha256';
export type { Template, Resource, FunctionDeployment } from './cloudformation';
