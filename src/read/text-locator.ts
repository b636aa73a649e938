// Turns indices of decoded text back into byte offsets, lines and columns of the file, walking forward.
// Decoding replaces each invalid UTF-8 sequence by U+FFFD, which re-encodes in 3 bytes whatever it
// replaced (1 to 3 bytes): counting the bytes of the decoded text would then run past the real ones,
// and a cut made there would eat the bytes after it. So a text with invalid bytes is walked on its bytes.

/** Where a text begins in the file. */
export interface TextStart {
  offset: number;
  line: number;
  column: number;
}

/** A place in the file: byte offset, 1-based line, 1-based column in UTF-16 units. */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

/** One decoded character: how many UTF-16 units it gives and how many bytes it came from. */
interface Step {
  units: number;
  bytes: number;
}

const ASCII: Step = { units: 1, bytes: 1 };
const TWO: Step = { units: 1, bytes: 2 };
const THREE: Step = { units: 1, bytes: 3 };
const PAIR: Step = { units: 2, bytes: 4 };

/** The step at `index` of text that was valid UTF-8 (it re-encodes to exactly its bytes). */
function textStep(text: string, index: number): Step {
  const c = text.charCodeAt(index);
  if (c < 0x80) return ASCII;
  if (c < 0x800) return TWO;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return PAIR;
  }
  return THREE;
}

/**
 * The step at byte `at` of `raw`, decoded as the WHATWG UTF-8 decoder (and so Node's `toString`) does:
 * a bad sequence becomes one U+FFFD covering its longest valid prefix, and the byte that broke it
 * starts the next step.
 */
export function utf8Step(raw: Uint8Array, at: number): Step {
  const lead = raw[at] as number;
  if (lead < 0x80) return ASCII;
  let need: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else return ASCII; // a byte that cannot start a character: one U+FFFD for one byte
  for (let i = 1; i <= need; i += 1) {
    const next = raw[at + i];
    if (next === undefined || next < lower || next > upper) return { units: 1, bytes: i };
    lower = 0x80;
    upper = 0xbf;
  }
  return { units: need === 3 ? 2 : 1, bytes: need + 1 };
}

/**
 * Positions of indices of `text`, which starts at `start` in the file. `raw` is the bytes the text was
 * decoded from; give it when they may hold invalid UTF-8 (see `needsRaw`). Calls with ascending
 * indices cost the distance walked, so a whole file's records are located in one pass.
 */
export class TextLocator {
  private index = 0;
  private byte = 0;
  private line: number;
  private lineStartIndex = 0;

  constructor(
    private readonly text: string,
    private readonly start: TextStart,
    private readonly raw?: Uint8Array,
  ) {
    this.line = start.line;
  }

  locate(target: number): TextPosition {
    const goal = Math.max(0, Math.min(target, this.text.length));
    if (goal < this.index) this.rewind();
    while (this.index < goal) {
      const step = this.raw ? utf8Step(this.raw, this.byte) : textStep(this.text, this.index);
      if (this.text.charCodeAt(this.index) === 0x0a) {
        this.line += 1;
        this.lineStartIndex = this.index + 1;
      }
      this.index += step.units;
      this.byte += step.bytes;
    }
    const firstLine = this.line === this.start.line;
    const column = firstLine ? this.start.column + this.index : this.index - this.lineStartIndex + 1;
    const bytes = this.raw ? this.raw.length : Infinity;
    return { offset: this.start.offset + Math.min(this.byte, bytes), line: this.line, column };
  }

  private rewind(): void {
    this.index = 0;
    this.byte = 0;
    this.line = this.start.line;
    this.lineStartIndex = 0;
  }
}

/** Whether `text`, decoded from `bytes` bytes, lost bytes to replacement characters (then give the locator the raw bytes). */
export function needsRaw(text: string, bytes: number): boolean {
  // Every invalid sequence decodes to U+FFFD: the search for it is cheaper than counting bytes.
  return text.includes("\uFFFD") && Buffer.byteLength(text) !== bytes;
}
