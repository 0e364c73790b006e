#!/usr/bin/env bash
# vendor.sh fills cms/assets/ with what /admin/ serves beside roll's own page:
# Decap CMS's browser bundle and js-yaml's, at the versions and with the
# integrity package-lock.json records. `make cms` runs it; roll build copies
# cms/assets/ into the public site's admin/ folder.
#
# The two are fetched as tarballs with `npm pack` and never installed: an
# install of decap-cms would bring its 700 build-time dependencies (390 MB)
# for the one file the browser loads. npm pack checks the tarball against the
# registry; this script then checks the registry's integrity against the
# lockfile, so a republished or tampered version is refused.
set -euo pipefail
cd "$(dirname "$0")"

cache=.cache
out=assets
mkdir -p "$cache"
rm -rf "$out.new"
mkdir -p "$out.new"

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
		echo "vendor.sh: $name@$version has integrity ${got%% *}, package-lock.json says $integrity" >&2
		exit 1
	fi
	rm -rf "$cache/$name"
	mkdir -p "$cache/$name"
	tar -xzf "$tgz" -C "$cache/$name"
	echo "$name@$version $integrity"
}

fetch decap-cms
src=$cache/decap-cms/package/dist
# The bundle, the chunks it loads on demand (relative to its own address),
# its WebAssembly and the notices of what it bundles; not the source maps.
cp "$src/decap-cms.js" "$src/decap-cms.js.LICENSE.txt" "$out.new/"
cp "$src"/*.decap-cms.js "$src"/*.wasm "$out.new/"

fetch js-yaml
cp "$cache/js-yaml/package/dist/browser/js-yaml.umd.min.js" "$out.new/"
cp "$cache/js-yaml/package/LICENSE" "$out.new/js-yaml.LICENSE.txt"

rm -rf "$out"
mv "$out.new" "$out"
echo "cms/$out: $(find "$out" -type f | wc -l) files"
