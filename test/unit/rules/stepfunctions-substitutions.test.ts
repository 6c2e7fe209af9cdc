import type { FilePort } from '../../../server/src/core/files';
import { testRule } from '../../helpers/rule-cases';

const files: FilePort = {
  read: (path) => (path === './flow.asl.json'
    ? { text: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${Out}', MessageBody: { a: 1 } }, End: true } } }) }
    : { problem: 'no such file' }),
};

testRule('stepfunctions/substitutions', [
  {
    name: 'every placeholder given and used; AWS pseudo parameters need none',
    yaml: `
archflow: 1
name: t
routers:
  flow:
    type: state-machine
    definition:
      StartAt: A
      States:
        A: { Type: Task, Resource: arn:aws:states:::lambda:invoke, Parameters: { FunctionName: "\${Fn}", Payload: { stage: "\${Stage}", region: "\${AWS::Region}" } }, End: true }
    substitutions: { Fn: worker, Stage: { value: prod } }
consumers:
  worker: {}`,
  },
  {
    name: 'a placeholder without substitution (at its use), a substitution no state uses (at its key)',
    yaml: `
archflow: 1
name: t
routers:
  flow:
    type: state-machine
    definition:
      StartAt: A
      States:
        A: { Type: Task, Resource: arn:aws:states:::lambda:invoke, Parameters: { FunctionName: "\${Fn}" }, End: true }
#                                                                                              ^^^^^^^ warning: The definition of state machine 'flow' uses \${Fn}, which \`substitutions\` does not give: it stays as written in the deployed definition.
    substitutions: { Worker: worker, Stage: { value: prod } }
#                    ^^^^^^ warning: No state of state machine 'flow' uses \${Worker}: it grants permissions on 'worker' and draws an edge to it for nothing.
#                                    ^^^^^ warning: No state of state machine 'flow' uses \${Stage}: the value is unused.
consumers:
  worker: {}`,
  },
  {
    name: 'a definition in a file: a missing placeholder is reported at `definition`',
    options: { files },
    yaml: `
archflow: 1
name: t
routers:
  flow: { type: state-machine, definition: ./flow.asl.json }
#                                          ^^^^^^^^^^^^^^^ warning: The definition of state machine 'flow' (./flow.asl.json) uses \${Out}, which \`substitutions\` does not give: it stays as written in the deployed definition.`,
  },
]);
