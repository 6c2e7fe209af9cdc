/**
 * The simulator: run an architecture on a virtual clock with AWS's semantics (docs/simulate.md).
 *
 * - `Simulation` (engine.ts): the discrete-event simulation of a graph; each kind's behaviour comes from
 *   its module's `simulate` facet (simulate/kinds/<kind>.ts).
 * - `readScenarioFile` / `resolveScenarios` (scenario.ts): scenario files, checked like architecture files.
 * - `runScenario` / `runScenarioAsync` (run.ts): a scenario run and its expectations judged.
 * - `formatRun` / `runJson` (report.ts): the run in words and as JSON.
 * - `Behaviour` (types.ts): the seam where a runner of the real generated handlers plugs in.
 */
export { Simulation, DEFAULT_EPOCH, MAX_PENDING, MAX_STEPS, type NodeSummary, type OriginInfo, type Outage, type SimulationOptions } from './engine';
export { DeclaredBehaviour, type EmitChoice, type EmitSlot, type FunctionPlan } from './behaviour';
export { defaultScenario, readScenarioFile, resolveScenarios, scenarioFileSchema, DEFAULT_UNTIL, type Arrival, type Expectation, type Scenario, type ScenarioDocument } from './scenario';
export { prepare, runScenario, runScenarioAsync, type Outcome, type RunOptions, type ScenarioRun } from './run';
export { clock, eventLine, formatRun, nodeTable, runJson, sparkline } from './report';
export { SqsQueue } from './sqs-queue';
export { compileFilterPolicy } from './sns-filter';
export { fireTimes } from './schedule-times';
export type * from './types';
