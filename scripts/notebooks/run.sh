#!/usr/bin/env bash
# `npm run notebooks [-- NAME… | --check | --register-kernel]`: installs the notebook tooling on
# first use, then executes the notebooks (scripts/notebooks/run.py).
#  - the kernel: Deno from the npm registry (~95 MB), into notebooks/.tooling/ (its own
#    package.json and lock), so `npm ci` at the root never downloads it;
#  - the runner: Debian's python3-nbclient, which loads only in /usr/bin/python3. Installed
#    with apt-get when we are root (CI, containers); otherwise we say what to run.
# --register-kernel registers the kernel with your Jupyter / VS Code (user-level kernelspec).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tooling="$root/notebooks/.tooling"
deno="$tooling/node_modules/.bin/deno"

if [ ! -x "$deno" ]; then
  echo "notebooks: installing the Deno kernel into notebooks/.tooling (first run only)…" >&2
  npm ci --prefix "$tooling" --no-audit --no-fund --loglevel=error >&2
fi

if [ "${1:-}" = "--register-kernel" ]; then
  # Writes ~/.local/share/jupyter/kernels/diffscope-deno/kernel.json with this checkout's deno.
  exec "$deno" jupyter --install --name diffscope-deno --display "Deno (diffscope)" --force
fi

if ! /usr/bin/python3 -c "import nbclient" 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "notebooks: installing python3-nbclient with apt-get (first run only)…" >&2
    install_nbclient() { apt-get install -y -qq --no-install-recommends python3-nbclient >&2; }
    install_nbclient 2>/dev/null || { apt-get update -qq >&2 && install_nbclient; }
  else
    echo "notebooks: the runner needs Debian's python3-nbclient; install it with" >&2
    echo "  sudo apt-get install -y --no-install-recommends python3-nbclient" >&2
    exit 2
  fi
fi

exec /usr/bin/python3 "$root/scripts/notebooks/run.py" "$@"
