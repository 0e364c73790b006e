#!/usr/bin/env bash
# vendor.sh readies the form staff edit records with (`make cms` runs it):
#
#   - cms/assets/: what /admin/ serves beside roll's own page, Decap CMS's
#     browser bundle and js-yaml's, at the versions and with the integrity
#     package-lock.json records. roll build copies it into the internal
#     site's admin/ folder.
#   - cms/node_modules/: decap-server, Decap CMS's local backend, which edits
#     the files of a local copy (for the browser tests, and for anyone who
#     edits on their own computer).
#
# The two bundles are fetched as tarballs with `npm pack` and never
# installed: an install of decap-cms would bring its 700 build-time
# dependencies (390 MB) for the one file the browser loads. npm pack checks
# the tarball against the registry; this script then checks the registry's
# integrity against the lockfile, so a republished or tampered version is
# refused. Each step runs again only when the lockfile or this script is
# newer than what it made.
#
# Without npm it says what to install and exits 0 (roll build then writes
# the page without the CMS, and the page says to run make cms), or 1 under
# ROLL_BROWSER=1, where the browser tests must run.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "cms: npm and node are missing: apt-get install --no-install-recommends nodejs npm" >&2
	if [ "${ROLL_BROWSER:-}" = 1 ]; then
		echo "cms: ROLL_BROWSER=1: the browser tests of the form must run, so this is an error" >&2
		exit 1
	fi
	echo "cms: until then the form has no program files and its browser tests skip" >&2
	exit 0
fi

cache=.cache
mkdir -p "$cache"

# fresh STAMP tells whether STAMP is newer than the lockfile and this script.
fresh() {
	[ -f "$1" ] && [ "$1" -nt package-lock.json ] && [ "$1" -nt vendor.sh ]
}

if ! fresh node_modules/.installed; then
	echo "cms: npm ci (decap-server)" >&2
	npm ci --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
	touch node_modules/.installed
fi

if fresh "$cache/vendored" && [ -d assets ]; then
	exit 0
fi

# lock NAME FIELD prints a field of the package's lockfile entry.
lock() {
	node -e 'const l = require("./package-lock.json").packages["node_modules/" + process.argv[1]];
if (!l) { console.error("package-lock.json has no " + process.argv[1]); process.exit(1) }
console.log(l[process.argv[2]])' "$1" "$2"
}

# fetch NAME unpacks the package's tarball into $cache/NAME/package.
fetch() {
	local name=$1 version integrity got tgz
	version=$(lock "$name" version)
	integrity=$(lock "$name" integrity)
	got=$(npm pack "$name@$version" --pack-destination "$cache" --json --silent |
		node -e 'const p = JSON.parse(require("fs").readFileSync(0, "utf8"))[0]; console.log(p.integrity + " " + p.filename)')
	tgz=$cache/${got#* }
	if [ "${got%% *}" != "$integrity" ]; then
		echo "cms: $name@$version has integrity ${got%% *}, package-lock.json says $integrity" >&2
		exit 1
	fi
	rm -rf "${cache:?}/$name"
	mkdir -p "$cache/$name"
	tar -xzf "$tgz" -C "$cache/$name"
	echo "cms: $name@$version $integrity" >&2
}

rm -rf assets.new
mkdir -p assets.new

fetch decap-cms
src=$cache/decap-cms/package/dist
# The bundle, the chunks it loads on demand (from beside itself), its
# WebAssembly and the notices of what it bundles; not the source maps.
cp "$src/decap-cms.js" "$src/decap-cms.js.LICENSE.txt" assets.new/
cp "$src"/*.decap-cms.js "$src"/*.wasm assets.new/

fetch js-yaml
cp "$cache/js-yaml/package/dist/browser/js-yaml.umd.min.js" assets.new/
cp "$cache/js-yaml/package/LICENSE" assets.new/js-yaml.LICENSE.txt

rm -rf assets
mv assets.new assets
touch "$cache/vendored"
echo "cms: cms/assets has $(find assets -type f | wc -l) files" >&2
