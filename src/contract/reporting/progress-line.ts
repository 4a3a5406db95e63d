/**
 * The progress line of a live run while it walks pages: rewritten in place on a terminal, one line
 * per page otherwise (CI logs), always on stderr so stdout stays the summary.
 */
import type { PageProgress } from "../run/run-case.js";

/** A progress writer on `stream`, and `done()` to end the in-place line. */
export function createProgressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }): {
  readonly onPage: PageProgress;
  done(): void;
} {
  let open = false;
  return {
    onPage({ api, operation, page, pages, items }) {
      const text = `${api} ${operation}: walking page ${page} of at most ${pages} (${items} items so far)`;
      if (stream.isTTY) {
        stream.write(`\r\u001b[2K${text}`);
        open = true;
      } else {
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (open) stream.write("\n");
      open = false;
    },
  };
}
