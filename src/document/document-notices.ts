/**
 * One-line notices about how a document was read (a Swagger 2.0 document converted to OpenAPI 3.0).
 * Library code never prints: the CLI subscribes and writes them to stderr; a library user may
 * subscribe too. Kept free of imports so that the CLI entry point can load it for nothing.
 */

/** Receives one notice, a single line without a trailing newline. */
export type NoticeListener = (message: string) => void;

const listeners = new Set<NoticeListener>();

/** Subscribe to document notices; returns the function that unsubscribes. */
export function onDocumentNotice(listener: NoticeListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Send a notice to every subscriber (none: it is dropped). */
export function emitDocumentNotice(message: string): void {
  for (const listener of listeners) listener(message);
}
