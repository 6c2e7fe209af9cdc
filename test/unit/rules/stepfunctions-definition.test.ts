import type { FilePort } from '../../../server/src/core/files';
import { testRule } from '../../helpers/rule-cases';

/** The files next to the architecture in these cases: a definition, a broken one, one that is not a JSON object. */
const files: FilePort = {
  read(path) {
    const texts: Record<string, string> = {
      './good.asl.json': JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
      './bad.asl.json': JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }),
      './list.asl.json': '[{ "StartAt": "A" }]',
    };
    return texts[path] !== undefined ? { text: texts[path] } : { problem: 'no such file' };
  },
};

testRule('stepfunctions/definition', [
  {
    name: 'a valid inline definition: a Task, a Choice, a Map with its processor, Succeed and Fail',
    yaml: `
archflow: 1
name: t
routers:
  flow:
    type: state-machine
    definition:
      StartAt: Charge
      States:
        Charge: { Type: Task, Resource: arn:aws:states:::lambda:invoke, Parameters: { FunctionName: "\${Charge}", Payload.$: $ }, Next: Paid? }
        Paid?:
          Type: Choice
          Choices: [{ Variable: $.Payload.paid, BooleanEquals: true, Next: Each }]
          Default: Refused
        Each:
          Type: Map
          ItemsPath: $.items
          ItemProcessor: { StartAt: Ship, States: { Ship: { Type: Pass, End: true } } }
          Next: Done
        Done: { Type: Succeed }
        Refused: { Type: Fail, Error: Refused }
    substitutions: { Charge: charge }
consumers:
  charge: {}`,
  },
  {
    name: 'a transition to no state, a state never reached, each where it is written',
    yaml: `
archflow: 1
name: t
routers:
  flow:
    type: state-machine
    definition:
      StartAt: A
      States:
        A: { Type: Pass, Next: B }
#                              ^ error: Step Functions rejects the definition of state machine 'flow': No state is named 'B'.
        C: { Type: Succeed }
#       ^ error: Step Functions rejects the definition of state machine 'flow': State 'C' is never reached: no \`StartAt\`, \`Next\` or \`Default\` names it.`,
  },
  {
    name: 'a state with both Next and End: at its name',
    yaml: `
archflow: 1
name: t
routers:
  flow:
    type: state-machine
    definition:
      StartAt: A
      States:
        A: { Type: Pass, Next: B, End: true }
#       ^ error: Step Functions rejects the definition of state machine 'flow': State 'A' needs exactly one of \`Next\` and \`End\`.
        B: { Type: Succeed }`,
  },
  {
    name: 'a definition file that reads well',
    options: { files },
    yaml: `
archflow: 1
name: t
routers:
  flow: { type: state-machine, definition: ./good.asl.json }`,
  },
  {
    name: 'a definition file with a problem, one that is not a JSON object, one that does not exist: at `definition`',
    options: { files },
    yaml: `
archflow: 1
name: t
routers:
  a: { type: state-machine, definition: ./bad.asl.json }
#                                       ^^^^^^^^^^^^^^ error: Step Functions rejects the definition of state machine 'a' in ./bad.asl.json (at \`States.A.Next\`): No state is named 'B'.
#                                       ^^^^^^^^^^^^^^ error: Step Functions rejects the definition of state machine 'a' in ./bad.asl.json: A state machine (or a branch, or a Map iterator) has no terminal state: no state has \`End: true\` or is a Succeed or Fail state.
  b: { type: state-machine, definition: ./list.asl.json }
#                                       ^^^^^^^^^^^^^^^ error: The definition of state machine 'b' cannot be read from ./list.asl.json: it does not hold a JSON object (a definition has \`StartAt\` and \`States\`).
  c: { type: state-machine, definition: ./none.asl.json }
#                                       ^^^^^^^^^^^^^^^ error: The definition of state machine 'c' cannot be read from ./none.asl.json: no such file.`,
  },
  {
    name: 'text analysed on its own (no host reads files): nothing is said about the file',
    yaml: `
archflow: 1
name: t
routers:
  flow: { type: state-machine, definition: ./none.asl.json }`,
  },
  {
    name: 'no definition at all (an imported state machine whose definition was in S3)',
    yaml: `
archflow: 1
name: t
routers:
  flow: { type: state-machine }
# ^^^^ error: State machine 'flow' has no \`definition\`: write its Amazon States Language inline, or the path of its file (\`definition: ./flow.asl.json\`).`,
  },
  {
    name: 'a definition that is neither a map nor a path is the schema\'s (no "has no definition")',
    yaml: `
archflow: 1
name: t
routers:
  flow: { type: state-machine, definition: 42 }`,
  },
]);
