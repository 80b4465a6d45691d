import { readFileSync, writeFileSync } from "fs";
import { format } from "prettier";

/**
 * Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in a Markdown file,
 * formatted as Prettier would (so `npm run lint` stays clean after a script updates figures).
 */
export async function writeReadmeSection(file: string, name: string, markdown: string): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(file, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} markers`);
  const block = await format(markdown, { parser: "markdown", printWidth: 110 });
  writeFileSync(file, `${text.slice(0, from + start.length)}\n\n${block.trim()}\n\n${text.slice(to)}`);
}
