import type { CommandFactory } from '../command';

/** `archflow.showLog` — "Archflow: Show Log": the Archflow output channel (the deploy's log, the server's messages). The status bar item opens it while a deploy runs. */
export const showLog: CommandFactory = (ctx) => () => ctx.output.show();
