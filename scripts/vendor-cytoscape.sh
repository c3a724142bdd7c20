#!/bin/sh
# vendor-cytoscape.sh refreshes the explorer's copy of cytoscape.js from the
# npm registry: it fetches the pinned release with `npm pack` (no
# node_modules, no install scripts) and copies the minified build and its
# licence into internal/web/vendor/, which go:embed puts in the binary.
#
# Usage: scripts/vendor-cytoscape.sh [VERSION]
# Change CYTOSCAPE_VERSION here (and commit the result) to upgrade.
set -eu

CYTOSCAPE_VERSION="${1:-3.34.4}"

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/internal/web/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
tarball=$(npm pack --silent --ignore-scripts "cytoscape@$CYTOSCAPE_VERSION" 2>/dev/null | tail -n 1)
tar -xzf "$tarball"
test -f package/dist/cytoscape.min.js || { echo "vendor-cytoscape: package has no dist/cytoscape.min.js" >&2; exit 1; }

mkdir -p "$dest"
cp package/dist/cytoscape.min.js "$dest/cytoscape.min.js"
cp package/LICENSE "$dest/LICENSE"
printf 'cytoscape %s from https://registry.npmjs.org/cytoscape (npm pack), sha512 %s\n' \
  "$CYTOSCAPE_VERSION" "$(sha512sum "$tarball" | cut -d' ' -f1)" > "$dest/cytoscape.VERSION"
echo "vendored cytoscape $CYTOSCAPE_VERSION into $dest"
