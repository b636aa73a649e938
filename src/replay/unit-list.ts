// The units a file's requests are prefixes of, behind one shape: held as objects (a history read
// whole), or rows read again from the file (a large rollout); the resume's message after either.
import { quotedIds, refusalIndex, type QuotedIds, type Refusal } from "./locate.js";
import { elementText } from "./request-body.js";
import type { WireUnit } from "./wire.js";

export interface UnitList {
  readonly length: number;
  modelOutput(index: number): boolean;
  /** The unit's value, as it is written into a request. */
  value(index: number): unknown;
  /** The whole unit, its items included (made on demand for rows). */
  unit(index: number): WireUnit;
  /** The last of the first `size` units with an item the refusal quotes, of the kind it is about. */
  lastQuoting(quoted: QuotedIds, size: number): WireUnit | undefined;
  /** UTF-8 bytes of the first `size` values' JSON texts, when they are known without writing them. */
  elementBytes?(size: number): number;
}

/** The unit a refusal of the request made of the first `size` units is about, or undefined when nothing in it says. */
export function refusedIn(refusal: Refusal, units: UnitList, size: number): WireUnit | undefined {
  const index = refusalIndex(refusal);
  if (index !== undefined) return index < size ? units.unit(index) : undefined;
  return units.lastQuoting(quotedIds(refusal), size);
}

/** The first `size` units, each made (a request's `units`). */
export function unitsOf(units: UnitList, size: number): WireUnit[] {
  return Array.from({ length: size }, (_, i) => units.unit(i));
}

export class HeldUnits implements UnitList {
  constructor(private readonly units: readonly WireUnit[]) {}
  get length(): number {
    return this.units.length;
  }
  modelOutput(index: number): boolean {
    return this.unit(index).modelOutput;
  }
  value(index: number): unknown {
    return this.unit(index).value;
  }
  unit(index: number): WireUnit {
    return this.units[index] as WireUnit;
  }
  lastQuoting(quoted: QuotedIds, size: number): WireUnit | undefined {
    for (let i = Math.min(size, this.units.length) - 1; i >= 0; i -= 1) if (this.unit(i).items.some(quoted.about)) return this.unit(i);
    return undefined;
  }
}

/** The units, then one more: the message a resume adds. */
export class WithResume implements UnitList {
  readonly elementBytes?: (size: number) => number;

  constructor(
    private readonly units: UnitList,
    private readonly resume: WireUnit,
  ) {
    const before = units.elementBytes?.bind(units);
    if (before) {
      const resumeBytes = Buffer.byteLength(elementText(resume.value));
      this.elementBytes = (size) => before(Math.min(size, units.length)) + (size > units.length ? resumeBytes : 0);
    }
  }
  get length(): number {
    return this.units.length + 1;
  }
  modelOutput(index: number): boolean {
    return index === this.units.length ? this.resume.modelOutput : this.units.modelOutput(index);
  }
  value(index: number): unknown {
    return index === this.units.length ? this.resume.value : this.units.value(index);
  }
  unit(index: number): WireUnit {
    return index === this.units.length ? this.resume : this.units.unit(index);
  }
  lastQuoting(quoted: QuotedIds, size: number): WireUnit | undefined {
    if (size > this.units.length && this.resume.items.some(quoted.about)) return this.resume;
    return this.units.lastQuoting(quoted, Math.min(size, this.units.length));
  }
}
