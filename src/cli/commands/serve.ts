// `diffscope serve`: the playground (web/dist, built by npm run build:web) on 127.0.0.1.
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { expectPositionals, parseCommandArgs, stringOption } from "../args.js";
import type { Command } from "../command.js";
import { UsageError } from "../io.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".png": "image/png", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".map": "application/json",
};

/** The package's web/dist: found by walking up from this file to diffscope's package.json (sources or built). */
function defaultDist(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dirname(dir) !== dir && !existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return join(dir, "web", "dist");
}

/** The file a URL path names inside root, or undefined when it would leave root. */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return undefined;
  }
  if (path.includes("\0")) return undefined;
  const file = resolve(root, `.${normalize(`/${path}`)}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  return existsSync(file) && statSync(file).isDirectory() ? join(file, "index.html") : file;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((ok, fail) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "EADDRINUSE" ? new UsageError(`serve: port ${port} is taken`, "give another --port, or --port 0 for a free one") : error));
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      ok(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

export const serveCommand: Command = {
  name: "serve",
  summary: "serve the playground (web/dist) on 127.0.0.1",
  help: `usage: diffscope serve [--port N] [--dir DIR]

  --port N    the port (default 8080; 0 picks a free one)
  --dir DIR   the built page (default the package's web/dist, from npm run build:web)

Prints one line, "diffscope: serving web/dist at http://127.0.0.1:PORT/", and serves until stopped.`,
  options: { port: { type: "string" }, dir: { type: "string" } },
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "serve");
    expectPositionals(positionals, 0, "serve");
    const portText = stringOption(values, "port") ?? "8080";
    const port = /^\s*\d+\s*$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 0 && port <= 65535)) throw new UsageError(`serve: --port must be a whole number from 0 to 65535, got "${portText}"`);
    const root = resolve(stringOption(values, "dir") ?? defaultDist());
    if (!existsSync(join(root, "index.html"))) throw new UsageError(`serve: ${root} has no index.html`, "run npm run build:web first");
    const server = createServer((request, response) => {
      const file = fileFor(root, request.url ?? "/");
      if (file === undefined) {
        response.writeHead(403, { "content-type": "text/plain" }).end("forbidden\n");
        return;
      }
      if (!existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
        return;
      }
      response.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    });
    const bound = await listen(server, port);
    io.stdout(`diffscope: serving web/dist at http://127.0.0.1:${bound}/\n`);
    // Serves until the process is stopped.
    return new Promise<number>(() => undefined);
  },
};
