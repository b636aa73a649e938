// Reads a file ahead of its reader, in a worker thread, into a ring of shared buffers. A read syscall
// copies its megabyte from the page cache on the thread that asks: 12% of lint's main thread on a 200 MB
// rollout. A thread of its own does it on the other core while this one parses the chunk before.
import { createRequire } from "node:module";
import { readSync } from "node:fs";

/** Slot states in the control array: free for the worker to fill, or full (its byte count + 1; 1 is the end). */
const FREE = 0;
const FAILED = -1;
/** The control cells after the slots': stop (set by this thread), ready (by the worker, once started), go (by this thread, once `start` is set). */
const STOP = 0;
const READY = 1;
const GO = 2;
const CONTROL_CELLS = 3;

/** What the worker is given: the file, where to start and stop, and the shared ring. */
interface ReadAheadTask {
  path: string;
  /** Where the worker starts reading, set by this thread before it says go: where its own reads stopped. */
  start: Float64Array;
  end: number;
  ring: SharedArrayBuffer;
  control: Int32Array;
  slotBytes: number;
  errors: import("node:worker_threads").MessagePort;
}

/**
 * The worker's whole program, run as CommonJS (`eval`): no file of its own to find in the package or
 * the bundle. It fills slots in order, waits while the next one is still being read, and stops at the
 * end, at a failure (its message goes to the port), or when told to (the last control cell).
 */
const WORKER_SOURCE = `
const { workerData: { path, end, ring, control, start, slotBytes, errors } } = require("node:worker_threads");
const { openSync, readSync, closeSync } = require("node:fs");
const slots = control.length - ${CONTROL_CELLS};
const stopped = () => Atomics.load(control, slots + ${STOP}) !== 0;
let fd;
let slot = 0;
try {
  fd = openSync(path, "r");
  Atomics.store(control, slots + ${READY}, 1);
  while (Atomics.load(control, slots + ${GO}) === 0 && !stopped()) Atomics.wait(control, slots + ${GO}, 0);
  for (let position = start[0]; !stopped(); slot = (slot + 1) % slots) {
    while (Atomics.load(control, slot) !== ${FREE} && !stopped()) Atomics.wait(control, slot, Atomics.load(control, slot));
    if (stopped()) break;
    const read = position >= end ? 0 : readSync(fd, new Uint8Array(ring, slot * slotBytes, Math.min(slotBytes, end - position)), 0, Math.min(slotBytes, end - position), position);
    position += read;
    Atomics.store(control, slot, read + 1);
    Atomics.notify(control, slot);
    if (read === 0) break;
  }
} catch (error) {
  errors.postMessage({ message: error.message, code: error.code });
  Atomics.store(control, slot, ${FAILED});
  Atomics.notify(control, slot);
} finally {
  if (fd !== undefined) closeSync(fd);
}
`;

/** Slots in the ring: one being parsed, the rest read ahead. */
const SLOTS = 4;

/** How long a chunk may take before the read is given up as stalled (a network file system, a stuck disk). */
const STALL_MS = 120_000;

/** `node:worker_threads`, loaded on the first read ahead: a run that never reads a large file does not pay for it. */
let workerThreads: typeof import("node:worker_threads") | undefined;

/**
 * The bytes of a file from its start to `end`, a chunk of up to `slotBytes` at a time. This thread reads
 * them itself until the worker has started (50–60 ms), then tells it where to go on from, and from then on
 * takes the chunks the worker read ahead. A chunk is read into again once the next one is asked for: the
 * caller copies what it keeps. Read errors are thrown as `readSync` would throw them.
 */
export class ReadAhead implements Iterator<Buffer> {
  private readonly ring: SharedArrayBuffer;
  private readonly control = new Int32Array(new SharedArrayBuffer((SLOTS + CONTROL_CELLS) * Int32Array.BYTES_PER_ELEMENT));
  private readonly start = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT));
  private readonly errors: import("node:worker_threads").MessagePort;
  /** What this thread reads into before the worker takes over. */
  private readonly own: Buffer;
  private position = 0;
  private handedOver = false;
  /** The slot given last (given back to the worker when the next is asked for), or -1. */
  private given = -1;
  private slot = 0;
  private done = false;

  constructor(
    private readonly fd: number,
    path: string,
    private readonly end: number,
    private readonly slotBytes: number,
  ) {
    workerThreads ??= createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
    this.ring = new SharedArrayBuffer(SLOTS * slotBytes);
    this.own = Buffer.allocUnsafeSlow(slotBytes);
    const { port1, port2 } = new workerThreads.MessageChannel();
    this.errors = port1;
    // A failure comes back on a port of its own, which this thread reads synchronously: it never runs its event loop while reading.
    const task: ReadAheadTask = { path, start: this.start, end, ring: this.ring, control: this.control, slotBytes, errors: port2 };
    const worker = new workerThreads.Worker(WORKER_SOURCE, { eval: true, workerData: task, transferList: [port2] });
    // Neither keeps the process alive: a reader dropped without close() must not hold it open.
    worker.unref();
    this.errors.unref();
  }

  next(): IteratorResult<Buffer> {
    if (this.done) return DONE;
    if (!this.handedOver && !this.handOver()) return this.readHere();
    this.giveBack();
    const slot = this.slot;
    for (let waited = 0; Atomics.load(this.control, slot) === FREE; waited += 1000) {
      if (waited >= STALL_MS) this.fail(new Error(`reading the file stalled: no data for ${STALL_MS / 1000} s`));
      Atomics.wait(this.control, slot, FREE, 1000);
    }
    const state = Atomics.load(this.control, slot);
    if (state === FAILED) this.fail(this.workerError());
    const length = state - 1;
    if (length === 0) {
      this.close();
      return DONE;
    }
    this.given = slot;
    this.slot = (slot + 1) % SLOTS;
    return { done: false, value: Buffer.from(this.ring, slot * this.slotBytes, length) };
  }

  /** Whether the worker has started: from the next chunk on, it reads (tests wait for it). */
  get workerStarted(): boolean {
    return Atomics.load(this.control, SLOTS + READY) === 1;
  }

  /** Stops the worker; the file is closed by it. */
  close(): void {
    if (this.done) return;
    this.done = true;
    Atomics.store(this.control, SLOTS + STOP, 1);
    for (let cell = 0; cell < SLOTS + CONTROL_CELLS; cell += 1) Atomics.notify(this.control, cell);
    this.errors.close();
  }

  /** Once the worker is ready: tells it where this thread's reads stopped. False while it is still starting. */
  private handOver(): boolean {
    if (Atomics.load(this.control, SLOTS + READY) === 0) return false;
    this.start[0] = this.position;
    Atomics.store(this.control, SLOTS + GO, 1);
    Atomics.notify(this.control, SLOTS + GO);
    this.handedOver = true;
    return true;
  }

  private readHere(): IteratorResult<Buffer> {
    const read = this.position >= this.end ? 0 : readSync(this.fd, this.own, 0, Math.min(this.slotBytes, this.end - this.position), this.position);
    if (read === 0) {
      this.close();
      return DONE;
    }
    this.position += read;
    return { done: false, value: this.own.subarray(0, read) };
  }

  private giveBack(): void {
    if (this.given === -1) return;
    Atomics.store(this.control, this.given, FREE);
    Atomics.notify(this.control, this.given);
    this.given = -1;
  }

  private workerError(): Error {
    const sent = workerThreads?.receiveMessageOnPort(this.errors)?.message as { message: string; code?: string } | undefined;
    return Object.assign(new Error(sent?.message ?? "reading the file failed"), sent?.code ? { code: sent.code } : {});
  }

  private fail(error: Error): never {
    this.close();
    throw error;
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
