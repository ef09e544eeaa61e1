#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run all tests.
# Usage: bash tests/run.sh [pytest arguments]
# Installs Debian's Chromium (the browser tests drive it; `playwright install` cannot work
# offline), LibreOffice Impress (the deck test opens the generated PowerPoint) and HAProxy
# (the replica tests put it in front of real servers), creates .venv, installs the project
# with its test extra, and runs pytest (browser tests included), one worker per core.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-impress-nogui)
# Debian puts haproxy in /usr/sbin, which is not on an ordinary user's PATH.
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need_apt+=(haproxy)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Nodig: ${need_apt[*]} (apt-get install -y ${need_apt[*]}); draai dit als root." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

.venv/bin/ruff check .
.venv/bin/ruff format --check .
# One worker per core (pytest-xdist), each test file on one worker: the browser files keep
# their server, and the other tests run beside them on the second core.
.venv/bin/python -m pytest --numprocesses auto --dist loadfile "$@"
