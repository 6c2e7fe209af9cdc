import type { FilePort } from '../../../server/src/core/files';
import { testRule } from '../../helpers/rule-cases';

/** A definition file next to the architecture, without TimeoutSeconds. */
const files: FilePort = {
  read: (path) => (path === './quote.asl.json' ? { text: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }) } : { problem: 'no such file' }),
};

testRule('stepfunctions/api-timeout', [
  {
    name: 'an Express workflow that ends within the wait; a Standard one the route only starts',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      POST /quote: { stateMachine: quote }
      POST /order: { stateMachine: order }
routers:
  quote: { type: state-machine, flavor: express, definition: { TimeoutSeconds: 30, StartAt: A, States: { A: { Type: Pass, End: true } } } }
  order: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }`,
  },
  {
    name: 'longer than the route waits, and no TimeoutSeconds at all',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      POST /quote: { stateMachine: quote, timeout: 10 }
      POST /price: { stateMachine: price }
routers:
  quote:
    type: state-machine
    flavor: express
    definition:
      TimeoutSeconds: 20
#                     ^^ warning: Express state machine 'quote' may run for 20 s (TimeoutSeconds), but HTTP API 'api' stops waiting after 10 s on route 'POST /quote': the caller gets a 504 while the execution goes on.
#   fix: Set the TimeoutSeconds of 'quote' to 10 s
#   + TimeoutSeconds: 10
      StartAt: A
      States: { A: { Type: Pass, End: true } }
  price:
    type: state-machine
    flavor: express
    definition:
#   ^^^^^^^^^^ warning: Express state machine 'price' has no TimeoutSeconds, but HTTP API 'api' stops waiting after 30 s on route 'POST /price': an execution may go on long after the caller got a 504. Set TimeoutSeconds to at most 30.
#   fix: Set the TimeoutSeconds of 'price' to 30 s
#   + TimeoutSeconds: 30
      StartAt: A
      States: { A: { Type: Pass, End: true } }`,
  },
  {
    name: 'several routes to one workflow: the tightest wait counts, the first of equal ones',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      POST /a: { stateMachine: quote, timeout: 20 }
      POST /b: { stateMachine: quote, timeout: 10 }
      POST /c: { stateMachine: quote, timeout: 10 }
routers:
  quote:
    type: state-machine
    flavor: express
    definition:
      TimeoutSeconds: 15
#                     ^^ warning: Express state machine 'quote' may run for 15 s (TimeoutSeconds), but HTTP API 'api' stops waiting after 10 s on route 'POST /b': the caller gets a 504 while the execution goes on.
#   fix: Set the TimeoutSeconds of 'quote' to 10 s
#   + TimeoutSeconds: 10
      StartAt: A
      States: { A: { Type: Pass, End: true } }`,
  },
  {
    name: 'a REST API waits 29 s; an inline definition written as a flow map',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    flavor: rest
    routes:
      POST /quote: { stateMachine: quote }
routers:
  quote: { type: state-machine, flavor: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
#                                                ^^^^^^^^^^ warning: Express state machine 'quote' has no TimeoutSeconds, but REST API 'api' stops waiting after 29 s on route 'POST /quote': an execution may go on long after the caller got a 504. Set TimeoutSeconds to at most 29.
#   fix: Set the TimeoutSeconds of 'quote' to 29 s
#   + quote: { type: state-machine, flavor: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } }, TimeoutSeconds: 29 } }`,
  },
  {
    name: 'a definition file without TimeoutSeconds: named, no fix',
    options: { files },
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      POST /quote: { stateMachine: quote }
routers:
  quote: { type: state-machine, flavor: express, definition: ./quote.asl.json }
#                                                            ^^^^^^^^^^^^^^^^ warning: Express state machine 'quote' has no TimeoutSeconds in ./quote.asl.json, but HTTP API 'api' stops waiting after 30 s on route 'POST /quote': an execution may go on long after the caller got a 504. Set TimeoutSeconds to at most 30.`,
  },
]);
