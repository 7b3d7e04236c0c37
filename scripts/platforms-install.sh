#!/usr/bin/env bash
# Installs the runtimes test/platform/ proves the platform-neutral core in — workerd, Bun, Deno and
# puppeteer-core (to drive Debian's chromium) — at pinned versions into .cache/platforms, outside
# the project's node_modules, so `npm ci` stays light for everyone. Chromium itself comes from apt
# when we may install packages (root with apt-get); otherwise set MBBPE_CHROMIUM to a binary.
# Idempotent: a second run with the same versions does nothing. Used by .ci/run, where it fails
# (so CI stops) when a runtime cannot be installed: the platform suites never skip there.
#
# puppeteer-core stays on 24.x: 25 needs Node >= 22 and the package claims Node >= 18. workerd is
# used directly (its `workerd test` mode) rather than through miniflare, whose current releases
# need Node >= 22 too.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR="${MBBPE_PLATFORMS_DIR:-.cache/platforms}"
PINS=(workerd@1.20261117.1 bun@1.4.5 deno@2.9.6 puppeteer-core@24.43.1)

if [ -z "${MBBPE_CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "platforms: installing Debian chromium (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
  else
    echo "*** platforms: no /usr/bin/chromium and no way to apt-get it (run as root, or set MBBPE_CHROMIUM) ***" >&2
    exit 1
  fi
fi

# A Korean font (Debian's fonts-nanum, ~15 MB): without one Chromium falls back glyph by glyph, which
# makes the playground's render timings meaningless and its screenshot unreadable.
if ! fc-list :lang=ko 2>/dev/null | grep -q . && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "platforms: installing a Korean font (fonts-nanum)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-nanum >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-nanum >/dev/null; } \
    || echo "*** platforms: fonts-nanum could not be installed; the playground still works, timings will be slow ***" >&2
fi

mkdir -p "$DIR"
stamp="$DIR/.pins"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${PINS[*]}" ] && [ -d "$DIR/node_modules" ]; then
  echo "platforms: ${PINS[*]} already in $DIR" >&2
  exit 0
fi
# A private package.json keeps npm from walking up to the project's and touching its lockfile.
printf '{ "name": "mbbpe-platforms", "private": true }\n' > "$DIR/package.json"
npm install --prefix "$DIR" --no-audit --no-fund --no-package-lock --save-exact "${PINS[@]}" >&2
printf '%s' "${PINS[*]}" > "$stamp"
for t in workerd bun deno; do
  "$DIR/node_modules/.bin/$t" --version >/dev/null || { echo "platforms: $t does not run" >&2; exit 1; }
done
echo "platforms: installed ${PINS[*]} into $DIR" >&2
