// Whether a report is coloured: --color/--no-color, then FORCE_COLOR, then NO_COLOR, then whether it goes to a terminal.

export interface ColorInputs {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  /** The stream the report is written to is a terminal. */
  isTty: boolean;
}

/**
 * The chalk level (0 none, 1 basic, 2 256 colours, 3 true colour), as chalk's own supports-color reads
 * FORCE_COLOR (`0`/`false` off, `1`-`3` or empty on) and no-color.org reads NO_COLOR (set and not empty: off).
 */
export function colorLevel({ flag, env, isTty }: ColorInputs): 0 | 1 | 2 | 3 {
  if (flag !== undefined) return flag ? 1 : 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "false" || force === "0") return 0;
    if (force === "" || force === "true") return 1;
    const level = Number.parseInt(force, 10);
    return Number.isNaN(level) ? 1 : (Math.min(Math.max(level, 1), 3) as 1 | 2 | 3);
  }
  if (env.NO_COLOR) return 0;
  return isTty ? 1 : 0;
}
