// What the mock keeps of the requests it received: a ring bounded by bytes, headers with credentials redacted, and the
// `--record` file (created private). A mock that keeps every body a client sends would be a memory leak and a key store.
import { closeSync, fchmodSync, openSync, writeSync } from "node:fs";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { drained } from "./http-body.js";
import type { Fault } from "./scenario.js";
import type { Reply } from "./reply.js";

/** A request as the mock saw it: headers with credentials redacted, the body, what it answered. */
export interface RecordedRequest {
  time: string;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (parsed when it is JSON), read from the raw bytes on each use; undefined when not kept. */
  readonly body: unknown;
  /** The body's size in bytes, kept even when the body is not (larger than the whole ring). */
  bodyBytes: number;
  /** False when the body was larger than `maxRecordedBytes`: only its size is kept. */
  bodyKept: boolean;
  status: number;
  error?: unknown;
  reply?: Reply;
  fault?: Fault;
}

export const REDACTED = "[redacted]";

/** Headers that carry credentials under names the pattern below does not catch. */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key", "openai-organization", "openai-project", "x-amz-security-token", "cookie", "set-cookie"]);
const CREDENTIAL_PATTERN = /key|token|secret|auth|cookie|session|signature|credential/i;

/** The headers with every credential-like value replaced by "[redacted]" (the name stays: that it was sent is useful). */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = Object.create(null) as Record<string, string | string[] | undefined>;
  // Keys, not entries: an array a header cost more than redacting it.
  for (const name of Object.keys(headers)) out[name] = CREDENTIAL_HEADERS.has(name) || CREDENTIAL_PATTERN.test(name) ? REDACTED : headers[name];
  return out;
}

/** What a recording is made from: what is known of the request and its answer, all but the body. */
export type RecordedFields = Omit<RecordedRequest, "body" | "bodyBytes" | "bodyKept">;

/** What is known of a request before its body and answer: time, method, path, redacted headers. */
export type RequestBase = Omit<RecordedFields, "status">;

/**
 * A recorded request that parses its raw body when someone looks, and never holds the parsed copy. Entries with the
 * same fields share one shape: an object literal with a getter made its own closure each time, and V8 keeps an
 * accessor in the hidden class, so every entry had a class of its own (9–16 µs to make one in a loop; 1.3–2 µs now).
 * `body` is still an own, enumerable, configurable property, as it was, so a spread, `Object.keys` or `JSON.stringify`
 * of an entry has it: one getter for every entry, defined with one descriptor, which V8 files under one transition.
 */
export class Recorded implements RecordedRequest {
  // Declared, not class fields: the constructor sets them in the order entries always had (the record file's and the
  // listing's key order), an optional one only when the request has it, as when entries were object literals.
  declare time: string;
  declare method: string;
  declare path: string;
  declare headers: Record<string, string | string[] | undefined>;
  declare status: number;
  declare error?: unknown;
  declare reply?: Reply;
  declare fault?: Fault;
  declare bodyBytes: number;
  declare bodyKept: boolean;
  declare readonly body: unknown;
  /** The bytes the body is parsed from on each use; undefined when not kept. */
  readonly #raw: Buffer | undefined;
  /** What the entry counts for in the ring: the kept body and about the JSON length of the rest. */
  readonly #size: number;

  /** Not cached: a parsed history is many times its bytes, and the ring's bound is on bytes. */
  static readonly #body: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: Recorded): unknown {
      return parseBody(this.#raw);
    },
  };

  constructor(fields: RecordedFields, raw: Buffer | undefined, maxBytes: number) {
    const kept = raw !== undefined && raw.length <= maxBytes ? raw : undefined;
    this.time = fields.time;
    this.method = fields.method;
    this.path = fields.path;
    this.headers = fields.headers;
    this.status = fields.status;
    if (fields.error !== undefined) this.error = fields.error;
    if (fields.reply !== undefined) this.reply = fields.reply;
    if (fields.fault !== undefined) this.fault = fields.fault;
    this.bodyBytes = raw?.length ?? 0;
    this.bodyKept = raw === undefined || kept !== undefined;
    this.#raw = kept;
    this.#size = (kept?.length ?? 0) + sizeOf(fields);
    Object.defineProperty(this, "body", Recorded.#body);
  }

  /** What the entry counts for in the ring (see `Recorder.record`). */
  get ringBytes(): number {
    return this.#size;
  }
}

/** An entry the caller put in the ring itself was never counted in, so it counts nothing going out. */
function ringBytesOf(entry: RecordedRequest | undefined): number {
  return entry instanceof Recorded ? entry.ringBytes : 0;
}

/** Room for the punctuation and field names around each value, and for a number, boolean or null itself. */
const VALUE_OVERHEAD = 8;

/**
 * About the length of `value` as JSON, for the ring's bound: the strings' lengths and a few bytes a value, without
 * writing the JSON (stringifying every request's fields cost more than the rest of its record).
 */
function sizeOf(value: unknown): number {
  if (typeof value === "string") return value.length + VALUE_OVERHEAD;
  if (typeof value !== "object" || value === null) return VALUE_OVERHEAD;
  let size = VALUE_OVERHEAD;
  if (Array.isArray(value)) for (const item of value) size += sizeOf(item);
  else for (const key in value) size += key.length + sizeOf((value as Record<string, unknown>)[key]);
  return size;
}

function parseBody(raw: Buffer | undefined): unknown {
  if (raw === undefined) return undefined;
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface RecorderOptions {
  /** Most requests kept in memory (default 1000). */
  maxRecorded: number;
  /** Most bytes kept in memory, bodies and headers together (default 64 MB); the oldest go first. */
  maxRecordedBytes: number;
  /** Append every request to this JSONL file as well (created with mode 0600). */
  file?: string;
}

/** The ring of recent requests (an array, oldest first) and the optional file every request is appended to. */
export class Recorder {
  /** `mock.requests` itself: the caller may put entries of its own in it. */
  readonly requests: RecordedRequest[] = [];
  private bytes = 0;
  private fd: number | undefined;

  constructor(private readonly options: RecorderOptions) {
    if (options.file !== undefined) {
      this.fd = openSync(options.file, "a", 0o600);
      // The mode of openSync applies only to a file it creates; an existing record file is made private too.
      fchmodSync(this.fd, 0o600);
    }
  }

  record(entry: Recorded): void {
    this.requests.push(entry);
    this.bytes += entry.ringBytes;
    while (this.requests.length > 0 && (this.requests.length > this.options.maxRecorded || (this.bytes > this.options.maxRecordedBytes && this.requests.length > 1))) {
      this.bytes -= ringBytesOf(this.requests.shift());
    }
    if (this.fd !== undefined) writeSync(this.fd, JSON.stringify(entry) + "\n");
  }

  close(): void {
    // Once only: a descriptor number closed twice may by then belong to another file.
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** `GET /__histlint/requests`: the JSON array written one entry at a time, so only one body is ever parsed at once. */
  async serve(res: ServerResponse): Promise<void> {
    res.writeHead(200, { "content-type": "application/json" });
    const entries = [...this.requests];
    for (const [i, entry] of entries.entries()) {
      const chunk = (i === 0 ? "[" : ",") + JSON.stringify(entry);
      if (!res.write(chunk)) await drained(res);
      if (res.destroyed) return;
    }
    res.end(entries.length === 0 ? "[]" : "]");
  }
}

