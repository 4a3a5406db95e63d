/**
 * Running an {@link Emitter} in a worker thread, so that the two halves of codegen — types
 * (openapi-typescript) and validators (ajv) — use both cores of a small machine instead of one
 * after the other.
 */
import { Worker } from "node:worker_threads";
import type { OpenApiDocument } from "../../document/load-document.js";
import type { Emitter, EmitterOptions, EmitterResult } from "../emitter.js";
import {
  type EmitterJob,
  type EmitterReply,
  type EmitterWorkerData,
  fromFailure,
} from "./emitter-job.js";

/** An emitter running in its own thread; {@link WorkerEmitter.close} ends the thread. */
export interface WorkerEmitter {
  /** Runs the emitter in the worker on a copy of the document. */
  readonly emit: Emitter;
  /** Ends the thread; runs not finished yet fail. Safe to call twice. */
  close(): Promise<void>;
}

/** True when this module runs from its TypeScript source (tests, tsx) rather than from dist/. */
const fromSource = import.meta.url.endsWith(".ts");

/**
 * The URL of module `path` (written with `.js`, as in an import) relative to `base` (an
 * `import.meta.url`), with `.ts` when running from source.
 */
export function moduleUrl(path: string, base: string): string {
  const url = new URL(path, base).href;
  return fromSource ? url.replace(/\.js$/, ".ts") : url;
}

/** tsx's ESM API as a URL resolved from this module (the bare name where import.meta.resolve is missing). */
function tsxApi(): string {
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return "tsx/esm/api";
  }
}

/** The worker thread; from source it first registers tsx, since Node 20 cannot load `.ts`. */
function spawn(data: EmitterWorkerData): Worker {
  const entry = moduleUrl("./emitter-worker.js", import.meta.url);
  if (!fromSource) return new Worker(new URL(entry), { workerData: data });
  // A worker's own --import hooks are not applied to its entry module on Node 20, so register
  // tsx from an eval'd bootstrap instead.
  // tsx resolved from here, not from the eval'd code (which resolves from the working directory).
  const bootstrap = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

/** Serialised documents, so that several worker emitters of one document stringify it once. */
const documentText = new WeakMap<OpenApiDocument, string | OpenApiDocument>();

function transferable(document: OpenApiDocument): string | OpenApiDocument {
  let text = documentText.get(document);
  if (text === undefined) {
    try {
      text = JSON.stringify(document);
    } catch {
      // Not representable as JSON (a cycle): a structured clone copies it as it is.
      text = document;
    }
    documentText.set(document, text);
  }
  return text;
}

/**
 * Start a worker thread that loads emitter `exportName` of the module at `url` (see
 * {@link moduleUrl}) right away, before any document is ready, and calls its export
 * `preloadExport` when given. Errors thrown by the emitter reach
 * the caller of `emit` (a SpecError keeps its class); a thread that dies fails every pending run.
 * The thread does not keep the process alive while idle.
 */
export function startWorkerEmitter(
  url: string,
  exportName: string,
  preloadExport?: string,
): WorkerEmitter {
  const worker = spawn({
    moduleUrl: url,
    exportName,
    ...(preloadExport !== undefined ? { preloadExport } : {}),
  });
  worker.unref();
  const pending = new Map<number, { resolve(r: EmitterResult): void; reject(e: Error): void }>();
  let nextId = 0;
  let ended: Error | undefined;
  const failAll = (error: Error): void => {
    ended ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker.unref();
  };
  worker.on("message", (reply: EmitterReply) => {
    const waiting = pending.get(reply.id);
    if (waiting === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ("result" in reply) waiting.resolve(reply.result);
    else waiting.reject(fromFailure(reply.failure));
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`${exportName} worker exited (code ${code})`)));

  const emit: Emitter = (document: OpenApiDocument, options: EmitterOptions) =>
    new Promise<EmitterResult>((resolve, reject) => {
      if (ended) {
        reject(ended);
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      const job: EmitterJob = { id, document: transferable(document), options };
      worker.postMessage(job);
    });
  return {
    emit,
    close: async () => {
      failAll(new Error(`${exportName} worker was closed`));
      await worker.terminate();
    },
  };
}
