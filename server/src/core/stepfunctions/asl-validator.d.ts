// Types of the parts of asl-validator (https://github.com/ChristopheBougere/asl-validator) that
// validate.ts uses: its package ships JavaScript and JSON only.
declare module 'asl-validator/dist/src/checks/*' {
  /** One problem a check found (`Error code`, `Message`; schema problems also have `schemaError`). */
  export interface AslError {
    readonly 'Error code': string;
    readonly Message: string;
    readonly schemaError?: { readonly instancePath: string; readonly schemaPath: string };
  }
  type Checker = (definition: unknown, options: { readonly checkPaths: boolean; readonly checkArn: boolean }) => AslError[];
  export const missingTransitionTargetErrors: Checker;
  export const stateTransitionsErrors: Checker;
  export const duplicateStateNames: Checker;
  export const missingTerminalStateErrors: Checker;
  export const mustNotHaveDuplicateFieldNamesAfterEvaluation: Checker;
  export const isArnFormatValid: (value: string) => boolean;
  interface StateEntry { readonly state: Readonly<Record<string, unknown>>; readonly stateName: string }
  type StateFilter = (entry: StateEntry) => boolean;
  type StateChecker = (entry: StateEntry) => AslError | null;
  export const IsTask: StateFilter;
  export const IsMap: StateFilter;
  export const IsWait: StateFilter;
  export const IsSucceed: StateFilter;
  export const IsFail: StateFilter;
  export const IsChoice: StateFilter;
  export const AtMostOne: (o: { props: string[]; errorCode: string; path?: string }) => StateChecker;
  export const ExactlyOne: (o: { props: string[]; errorCode: string; path?: string }) => StateChecker;
  export const stateChecks: (definition: unknown, options: { readonly checkPaths: boolean; readonly checkArn: boolean }, checks: { filter: StateFilter; checker: StateChecker }[]) => AslError[];
}
