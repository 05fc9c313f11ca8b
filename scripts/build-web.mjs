// Builds the playground (web/) into web/dist: the page, its bundle, KaTeX's CSS and fonts.
import { build } from "esbuild";
import { cpSync, mkdirSync, statSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "web");
const dist = join(web, "dist");
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(web, "src/main.ts")],
  bundle: true, splitting: true, format: "esm", platform: "browser", minify: true,
  outdir: dist, target: "es2022", logLevel: "warning",
  alias: { "node:util": join(web, "src/shims/node-util.ts"), "node:fs": join(web, "src/shims/node-fs.ts") },
});
for (const file of ["index.html", "main.css"]) cpSync(join(web, file), join(dist, file));
const katex = join(root, "node_modules/katex/dist");
cpSync(join(katex, "katex.min.css"), join(dist, "katex.min.css"));
cpSync(join(katex, "fonts"), join(dist, "fonts"), { recursive: true });
for (const file of readdirSync(dist).filter((f) => f.endsWith(".js") || f.endsWith(".css"))) {
  console.log(`${file.padEnd(28)} ${statSync(join(dist, file)).size.toLocaleString("en")} bytes`);
}
