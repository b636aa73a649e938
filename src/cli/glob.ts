// Minimal glob support (`*`, `**`, `?`, `{a,b}`), because Node 20 has no fs.glob.

export function hasGlobMagic(pattern: string): boolean {
  return /[*?{[]/.test(pattern);
}

/** The leading path segments without glob characters: where the walk starts. */
export function globBase(pattern: string): string {
  const segments = pattern.split("/");
  const firstMagic = segments.findIndex(hasGlobMagic);
  const base = segments.slice(0, firstMagic).join("/");
  return base === "" ? (pattern.startsWith("/") ? "/" : ".") : base;
}

/** A regular expression for a slash-separated glob. */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "{") {
      const close = pattern.indexOf("}", i);
      if (close === -1) source += "\\{";
      else {
        source += `(?:${pattern.slice(i + 1, close).split(",").map(escape).join("|")})`;
        i = close;
      }
    } else source += escape(c);
  }
  return new RegExp(`^${source}$`);
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, "\\$&");
}
