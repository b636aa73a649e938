// The path a request names, as `new URL` reads it; a plain path (every request a client sends) is taken as it is,
// since parsing a URL cost about 2 µs a request, a hundredth of answering a cached body.
/** Slash-separated segments of letters, digits, `-` and `_`: nothing `new URL` would decode, resolve or read as a host. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-]+)+\/?$/;

/**
 * `new URL(url, base).pathname`, the same string; a target `new URL` refuses (`//`, which names no host) is
 * kept as it came: it names no route, so the mock answers 404 as the API does, not 500.
 */
export function requestPathname(url: string): string {
  if (PLAIN_PATH.test(url)) return url;
  try {
    return new URL(url, "http://mock").pathname;
  } catch {
    return url;
  }
}
