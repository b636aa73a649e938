// The read layer: bytes in, records with spans and read problems out.
export { readRecords, RecordReader, FILE_START, type RawRecord, type ReadEvent, type ReadProblem, type ReadProblemCode } from "./reader.js";
export { LineSplitter, MAX_LINE_BYTES, splitLines, type ByteSource, type Line } from "./lines.js";
export { positionIn, spanOfSlice, type Span } from "./span.js";
export { scanValue, skipWhitespace } from "./scan.js";
export { locateArray, locateIndices, type ArrayLocation, type ElementSpan } from "./document.js";
export { TextLocator, utf8Step, type TextPosition } from "./text-locator.js";
export { stringifyJson, stringifyWithStack } from "./json-text.js";
export { readRange, readRangeInto } from "./byte-range.js";
