/** `npm run links -- <roomId...> [--custom JSON] [--json] [--qr DIR]`: see scripts/lib/links.ts. */
import { runLinks } from "./lib/links-cli";

runLinks(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`links: ${err.message}`);
    process.exitCode = 1;
  },
);
