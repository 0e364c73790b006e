#!/usr/bin/env bash
# Installs what the browser tests and the quality gates run, from Debian's
# packages, when it is missing: Chromium and a Chinese font (the real-browser
# tests), a JDK (the Nu HTML Checker), poppler-utils (text of printed PDFs),
# Caddy (the sample server of the internal site, run by its test),
# ShellCheck (actionlint checks the workflows' scripts with it) and npm
# (the checker and axe-core come from the npm registry, pinned by
# tools/web/package-lock.json; the Makefile runs npm ci).
#
# As root it installs with apt-get. Otherwise it says exactly what to
# install and exits 0, so that `make test` still runs the other tests,
# whose browser parts then skip; with ROLL_BROWSER=1 it exits 1 instead.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have chromium || need+=(chromium)
if ! have fc-list || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
	need+=(fonts-noto-cjk)
fi
have java || need+=(default-jdk-headless)
have pdftotext || need+=(poppler-utils)
have caddy || need+=(caddy)
have shellcheck || need+=(shellcheck)
# Node.js from another source brings its own npm; Debian's npm needs
# Debian's nodejs.
have npm || need+=(nodejs npm)

web() {
	# The Nu HTML Checker and axe-core, exactly as the lockfile pins them,
	# into tools/web/node_modules (never committed); again only when the
	# lockfile changed since.
	local dir stamp
	dir=$(dirname "$0")/../tools/web
	stamp=$dir/node_modules/.installed
	if [ -f "$stamp" ] && [ "$stamp" -nt "$dir/package-lock.json" ]; then
		return 0
	fi
	if ! have npm; then
		return 0
	fi
	echo "tools: npm ci in tools/web" >&2
	(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
	touch "$stamp"
}

if [ ${#need[@]} -eq 0 ]; then
	web
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	web
	echo "tools: missing ${need[*]}; install them with:" >&2
	echo "  sudo apt-get install --no-install-recommends ${need[*]}" >&2
	if [ "${ROLL_BROWSER:-}" = 1 ]; then
		echo "tools: ROLL_BROWSER=1: the browser tests must run, so this is an error" >&2
		exit 1
	fi
	echo "tools: until then the browser tests and the HTML checks skip" >&2
	exit 0
fi
echo "tools: installing ${need[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
web
