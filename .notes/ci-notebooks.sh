# --- notebooks (issue 7): execute every notebook headlessly; fail on any error ---------------
# Call from .ci/run after `npm test`. Installs what it needs on a clean machine (root, Debian):
# Debian's python3-nbclient (the runner loads only in /usr/bin/python3) and the Deno kernel
# (into notebooks/.tooling/ by the runner itself, from the npm registry). `--check` writes
# nothing; it fails on a cell error (printing the cell's source and error), on a committed
# notebook that is stale against its source, and on a missing expected plot. Its last line is
# `notebooks: N passed, N failed`.
if ! /usr/bin/python3 -c "import nbclient" 2>/dev/null; then
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-nbclient; } >/dev/null \
    || echo "notebooks: could not install python3-nbclient"
fi
notebooks_status=0
bash scripts/notebooks/run.sh --check || notebooks_status=$?
# Combine with the test suite's status, e.g.:  [ "$notebooks_status" -eq 0 ] || status=1
