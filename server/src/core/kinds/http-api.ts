/** Kind `http-api`: an API Gateway API (producer) whose routes invoke functions or send to queues, buses and streams. */
import { isObj, type Obj } from '../util/value';
import type { KindModule } from './kind';

/** The settings of an API. */
export interface HttpApiSettings {
  /** `http` (API Gateway HTTP API) or `rest` (REST API). */
  readonly flavor: 'http' | 'rest';
  readonly cors: boolean;
  /** The route keys (`POST /orders`), in the order written. */
  readonly routes: readonly string[];
}

/** The `http-api` kind. */
export const httpApi: KindModule<'http-api', HttpApiSettings> = {
  kind: 'http-api',
  label: 'HTTP API',
  sections: ['producers'],
  settings(c: Obj): HttpApiSettings {
    return { flavor: c.flavor === 'rest' ? 'rest' : 'http', cors: c.cors === true, routes: isObj(c.routes) ? Object.keys(c.routes) : [] };
  },
};
