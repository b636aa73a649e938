// Applies a unified diff the way `patch` does when every hunk has its full context: the dry-run tests'
// check that a diff turns the old text into the new one.

/** Applies a unified diff produced for `before` (it has every hunk's full context). */
export function applyDiff(before: string, diff: string): string {
  const lines = (before.endsWith("\n") ? before.slice(0, -1) : before).split("\n");
  const out: string[] = [];
  let at = 0;
  for (const hunk of diff.split(/^@@ /m).slice(1)) {
    const [header, ...body] = hunk.split("\n");
    const oldStart = Number(/-(\d+)/.exec(header ?? "")?.[1]);
    while (at < oldStart - 1) out.push(lines[at++] as string);
    for (const line of body.filter((l) => l.length > 0 || false)) {
      if (line.startsWith("+")) out.push(line.slice(1));
      else {
        if (line.startsWith(" ")) out.push(line.slice(1));
        at += 1;
      }
    }
  }
  while (at < lines.length) out.push(lines[at++] as string);
  return out.join("\n") + "\n";
}
