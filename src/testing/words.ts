// Text for generated histories: short, never blank, with the characters that break naive writers.
import fc from "fast-check";

const word = fc.constantFrom("list", "the", "files", "run", "tests", "patch", "done", "naïve", "日本", "🙂", 'quote"d', "back\\slash", "tab\there", "line\nbreak");

export const text: fc.Arbitrary<string> = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(" "));
