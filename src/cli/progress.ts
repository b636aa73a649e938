// A progress bar on stderr for long runs on a terminal; nothing at all otherwise.

const BAR_WIDTH = 30;
/** A run shorter than this never shows a bar. */
const SHOW_AFTER_MS = 1000;

export function progressBar(stream: NodeJS.WriteStream): { update(done: number, total: number): void; clear(): void } {
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!stream.isTTY || now - started < SHOW_AFTER_MS || (now - lastDraw < 100 && done < total)) return;
      lastDraw = now;
      shown = true;
      const filled = Math.round((done / total) * BAR_WIDTH);
      stream.write(`\r[${"=".repeat(filled)}${" ".repeat(BAR_WIDTH - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (shown) stream.write(`\r${" ".repeat(BAR_WIDTH + 30)}\r`);
    },
  };
}
