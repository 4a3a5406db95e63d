/**
 * Worker-thread entry that runs one {@link Emitter} (see worker-emitter.ts): it imports the
 * emitter's module (and calls its preload export) as soon as it starts, so that loading what the
 * emitter needs (typescript and openapi-typescript: most of a second) overlaps the codegen thread
 * reading and preparing the document, then runs each job posted to it.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { OpenApiDocument } from "../../document/load-document.js";
import type { Emitter } from "../emitter.js";
import {
  type EmitterJob,
  type EmitterReply,
  type EmitterWorkerData,
  toFailure,
} from "./emitter-job.js";

const { moduleUrl, exportName, preloadExport } = workerData as EmitterWorkerData;
const port = parentPort;
if (port === null) throw new Error("emitter-worker.ts runs only as a worker thread");

const emitter: Promise<Emitter> = import(moduleUrl).then(
  async (module: Record<string, unknown>) => {
    const emit = module[exportName];
    if (typeof emit !== "function")
      throw new Error(`${moduleUrl} exports no emitter ${exportName}`);
    const preload = preloadExport === undefined ? undefined : module[preloadExport];
    if (typeof preload === "function") await preload();
    return emit as Emitter;
  },
);
// Reported with the first job; an unhandled rejection would end the thread before that.
emitter.catch(() => undefined);

port.on("message", async (job: EmitterJob) => {
  let reply: EmitterReply;
  try {
    const document = (
      typeof job.document === "string" ? JSON.parse(job.document) : job.document
    ) as OpenApiDocument;
    reply = { id: job.id, result: await (await emitter)(document, job.options) };
  } catch (error) {
    reply = { id: job.id, failure: toFailure(error) };
  }
  port.postMessage(reply);
});
