// A Claude Code session's parentUuid tree, flattened into rows: branches indented, the resumed chain marked.
import { resumeChain, CONVERSATION_TYPES } from "../clients/index.js";
import { isObject, stringField, type JsonObject } from "../formats/json-shape.js";
import type { RawRecord } from "../read/index.js";
import type { TreeRow, ViewFinding } from "./view-model.js";

interface Node {
  record: RawRecord;
  value: JsonObject;
  uuid: string;
  parentUuid: string | null | undefined;
  sidechain: boolean;
}

const SUMMARY_CHARS = 120;

/** A line of what a record holds: its text, the tools it calls, the results it carries. */
function summaryOf(value: JsonObject): string {
  const message = isObject(value.message) ? value.message : undefined;
  const content = message?.content ?? value.content;
  const parts: string[] = [];
  if (typeof content === "string") parts.push(content);
  else if (Array.isArray(content)) {
    for (const block of content) {
      if (!isObject(block)) continue;
      if (block.type === "text") parts.push(stringField(block, "text") ?? "");
      else if (block.type === "tool_use") parts.push(`calls ${stringField(block, "name") ?? "a tool"}`);
      else if (block.type === "tool_result") parts.push(`result for ${stringField(block, "tool_use_id") ?? "a call"}`);
      else if (block.type === "thinking" || block.type === "redacted_thinking") parts.push("(thinking)");
    }
  }
  if (parts.length === 0) parts.push(stringField(value, "subtype") ?? (isObject(value.attachment) ? `attachment: ${stringField(value.attachment, "type") ?? ""}` : ""));
  const line = parts.join(" · ").replace(/\s+/g, " ").trim();
  return line.length > SUMMARY_CHARS ? `${line.slice(0, SUMMARY_CHARS - 1)}…` : line;
}

function nodesOf(records: readonly RawRecord[]): Node[] {
  const seen = new Set<string>();
  const nodes: Node[] = [];
  for (const record of records) {
    const value = record.value;
    if (!isObject(value) || !CONVERSATION_TYPES.has(stringField(value, "type") ?? "")) continue;
    const uuid = stringField(value, "uuid");
    if (uuid === undefined || seen.has(uuid)) continue;
    seen.add(uuid);
    const parent = value.parentUuid;
    nodes.push({ record, value, uuid, parentUuid: typeof parent === "string" ? parent : parent === null ? null : undefined, sidechain: value.isSidechain === true });
  }
  return nodes;
}

/**
 * The tree in file order: each node, then the branches that leave it (indented one step), then the
 * child the line continues with at the same depth (the resumed one, else the newest), so a long
 * chain stays flat and only forks indent.
 */
export function claudeCodeTree(records: readonly RawRecord[], findings: readonly ViewFinding[], findingRecord: (finding: ViewFinding) => number | undefined): TreeRow[] {
  const resumed = resumeChain(records);
  const onResume = new Set(resumed.records.map((entry) => entry.uuid));
  const bridged = new Map(resumed.bridged.map((b) => [b.entry.uuid, b.to]));
  const nodes = nodesOf(records);
  const byUuid = new Map(nodes.map((node) => [node.uuid, node]));
  const children = new Map<string, Node[]>();
  const roots: Node[] = [];
  for (const node of nodes) {
    const parent = typeof node.parentUuid === "string" ? byUuid.get(node.parentUuid) : undefined;
    if (parent) children.set(parent.uuid, [...(children.get(parent.uuid) ?? []), node]);
    else roots.push(node);
  }
  const chain = chainOf(resumed.records.map((entry) => entry.uuid), byUuid, children, bridged);
  const findingsOf = new Map<number, number[]>();
  for (const finding of findings) {
    const record = findingRecord(finding);
    if (record !== undefined) findingsOf.set(record, [...(findingsOf.get(record) ?? []), finding.n]);
  }
  const rows: TreeRow[] = [];
  // Depth-first without recursion: a chain of ten thousand records must not overflow the stack.
  const stack: { node: Node; depth: number; branch: boolean }[] = roots.reverse().map((node) => ({ node, depth: 0, branch: false }));
  while (stack.length > 0) {
    const { node, depth, branch } = stack.pop() as { node: Node; depth: number; branch: boolean };
    rows.push(rowOf(node, { depth, branch, parentFound: typeof node.parentUuid === "string" && byUuid.has(node.parentUuid), gathered: onResume.has(node.uuid) && !chain.has(node.uuid) }, onResume, bridged, findingsOf));
    const kids = children.get(node.uuid) ?? [];
    const main = kids.find((kid) => chain.has(kid.uuid)) ?? [...kids].reverse().find((kid) => onResume.has(kid.uuid)) ?? kids[kids.length - 1];
    if (main) stack.push({ node: main, depth, branch: false });
    for (const kid of [...kids].reverse()) if (kid !== main) stack.push({ node: kid, depth: depth + 1, branch: true });
  }
  return rows;
}

/**
 * The chain itself, leaf to root: from the newest resumed record that no resumed record continues,
 * up through `parentUuid` and the bridges Claude Code makes. (The other resumed records are parallel
 * siblings it gathers beside the chain.)
 */
function chainOf(resumedInOrder: string[], byUuid: Map<string, Node>, children: Map<string, Node[]>, bridged: Map<string, { uuid: string } | undefined>): Set<string> {
  const resumed = new Set(resumedInOrder);
  const leaf = [...resumedInOrder].reverse().find((uuid) => !(children.get(uuid) ?? []).some((kid) => resumed.has(kid.uuid)));
  const chain = new Set<string>();
  for (let uuid = leaf; uuid !== undefined && !chain.has(uuid); ) {
    chain.add(uuid);
    const parent = byUuid.get(uuid)?.parentUuid;
    uuid = typeof parent === "string" && byUuid.has(parent) ? parent : bridged.get(uuid)?.uuid;
  }
  return chain;
}

function rowOf(node: Node, { depth, branch, parentFound, gathered }: { depth: number; branch: boolean; parentFound: boolean; gathered: boolean }, onResume: Set<string>, bridged: Map<string, { uuid: string; record: RawRecord } | undefined>, findingsOf: Map<number, number[]>): TreeRow {
  const missingParent = typeof node.parentUuid === "string" && !parentFound;
  let link: string | undefined;
  if (missingParent && bridged.has(node.uuid)) {
    const to = bridged.get(node.uuid);
    link = to ? `parentUuid "${node.parentUuid}" names no record: Claude Code bridges it to line ${to.record.span.line}` : `parentUuid "${node.parentUuid}" names no record and nothing is written before it: the resume is cut here`;
  } else if (missingParent) link = `parentUuid "${node.parentUuid}" names no record`;
  return {
    depth,
    line: node.record.span.line,
    uuid: node.uuid,
    type: stringField(node.value, "type") ?? "",
    summary: summaryOf(node.value),
    state: node.sidechain ? "sidechain" : onResume.has(node.uuid) ? "resumed" : "off-chain",
    ...(branch ? { branch: true } : {}),
    ...(gathered ? { gathered: true } : {}),
    ...(link ? { link } : {}),
    findings: findingsOf.get(node.record.index) ?? [],
  };
}
