#!/usr/bin/env bash
# The package as a consumer gets it (issue 17): `npm pack`, install the tarball into a fresh
# "type": "module" project without optional dependencies, type-check a strict TypeScript
# script of the README's library examples (scripts/ci/consumer/consumer.ts) with this repo's
# TypeScript, run it, and check the tarball's contents and the CLI's answer when the optional
# plot packages (vega, vega-lite) are absent. Prints "consumer check: ok" or the first failure;
# exit 0 or 1.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tsc="$repo/node_modules/typescript/bin/tsc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "consumer check: FAILED: $*" >&2; exit 1; }

# 1. Pack (prepack builds dist/, prunes it and drops `prepare` from the packed package.json;
#    postpack puts package.json back) and look inside.
cp "$repo/package.json" "$work/package.json.before"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null) || fail "npm pack"
cmp -s "$repo/package.json" "$work/package.json.before" || fail "package.json differs after npm pack (postpack did not restore it)"
tarball="$(ls "$work"/diffscope-*.tgz)"
contents="$(tar -tzf "$tarball")"
for required in package/package.json package/LICENSE package/README.md package/bin/diffscope.js \
                package/dist/index.js package/dist/index.d.ts package/dist/cli/main.js; do
  grep -qx "$required" <<<"$contents" || fail "the tarball lacks ${required#package/}"
done
if unexpected="$(grep -vE '^package/(package\.json|LICENSE|README\.md|bin/diffscope\.js|dist/.+\.(js|d\.ts))$' <<<"$contents")"; then
  fail "the tarball holds files it should not: $(tr '\n' ' ' <<<"$unexpected")"
fi
grep -q 'Copyright (c) 2026 the diffscope authors' <(tar -xzOf "$tarball" package/LICENSE) || fail "LICENSE lacks its copyright line"
tar -xzOf "$tarball" package/package.json | node -e '
  const pkg = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const scripts = ["preinstall", "install", "postinstall", "prepare"].filter((s) => pkg.scripts?.[s] !== undefined);
  if (scripts.length > 0) { console.error(`install scripts: ${scripts.join(", ")}`); process.exit(1); }
' || fail "the packed package.json has install scripts"

# 2. A fresh project, installed from the npm cache, without the optional plot packages.
project="$work/project"
cp -r "$repo/scripts/ci/consumer" "$project"
(cd "$project" && npm install --prefer-offline --omit=optional --no-audit --no-fund --loglevel=error "$tarball" >/dev/null) \
  || fail "npm install of the tarball"
[ ! -e "$project/node_modules/vega-lite" ] || fail "vega-lite was installed with --omit=optional"

# 3. Strict type-check (skipLibCheck off: every .d.ts the package ships is checked), then run.
(cd "$project" && node "$tsc" -p .) || fail "tsc --noEmit on the consumer script (see above)"
(cd "$project" && node -e '
  const ts = require(process.argv[1]), fs = require("fs");
  const out = ts.transpileModule(fs.readFileSync("consumer.ts", "utf8"),
    { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  fs.writeFileSync("consumer.js", out.outputText);
' "$repo/node_modules/typescript") || fail "transpiling the consumer script"
(cd "$project" && node consumer.js) || fail "running the consumer script"
(cd "$project" && node --input-type=module -e '
  import("diffscope/dist/harness/run.js").then(() => process.exit(1), (e) => process.exit(e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? 0 : 1));
') || fail "a deep import is not refused with ERR_PACKAGE_PATH_NOT_EXPORTED, as README.md says"

# 4. The CLI from the tarball; `swell --svg` without vega: exit 2 naming the packages, no file.
(cd "$project" && ./node_modules/.bin/diffscope eval "x^2" --at x=3 >/dev/null) || fail "the installed CLI"
set +e
message="$(cd "$project" && ./node_modules/.bin/diffscope swell --family logistic --n 1 --svg plot.svg 2>&1 >/dev/null)"
status=$?
set -e
[ "$status" -eq 2 ] || fail "swell --svg without vega exited $status, not 2: $message"
grep -q "npm install vega vega-lite" <<<"$message" || fail "swell --svg without vega does not say what to install: $message"
[ ! -e "$project/plot.svg" ] || fail "swell --svg without vega wrote plot.svg"

echo "consumer check: ok"
