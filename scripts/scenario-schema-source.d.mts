/** Types of scenario-schema-source.mjs (the scenario schema's source). */
export declare const schema: Record<string, unknown>;
