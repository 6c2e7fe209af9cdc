import type { BuildOptions } from 'esbuild';

/** The three bundles: client (VS Code extension), server (language server, CLI, layout worker), webview. */
export declare const builds: BuildOptions[];
