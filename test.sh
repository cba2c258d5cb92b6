#!/usr/bin/env bash
# RestoreWeb's one test command: installs what the tests need (Chromium and PostgreSQL from apt, Azurite
# from npm into .tools), builds the solution, runs every test project and ends with "N passed, N failed".
# Exits non-zero on any failure, including a prerequisite that cannot be installed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
CONFIGURATION=${CONFIGURATION:-Release}
AZURITE_VERSION=3.37.0
RESULTS="$ROOT/TestResults"
export RESTOREWEB_TOOLS="$ROOT/.tools"
export RESTOREWEB_ARTIFACTS="$RESULTS/artifacts"
export RESTOREWEB_TEST_RUN="run-$$-$(date +%s)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\nERROR: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1
  fi
}

APT_UPDATED=
apt_install() { # apt_install <what it is for> <package>...
  local purpose=$1; shift
  command -v apt-get >/dev/null 2>&1 ||
    fail "$purpose is missing and this machine has no apt-get: install the package(s) '$*' by hand."
  say "Installing $* with apt ($purpose)"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq || fail "'apt-get update' failed (need root or passwordless sudo) while installing $purpose ($*)."
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    fail "could not install $purpose: 'apt-get install $*' failed (need root or passwordless sudo)."
}

postgres_initdb() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1; }

# --- prerequisites -----------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is not on PATH; install .NET SDK 10 first."
if ! command -v npm >/dev/null 2>&1; then apt_install "Node.js and npm (for Azurite)" nodejs npm; fi
command -v npm >/dev/null 2>&1 || fail "npm is still missing after installing it; Azurite cannot be installed."
if [ ! -x /usr/bin/chromium ]; then apt_install "Chromium (browser tests)" chromium; fi
[ -x /usr/bin/chromium ] || fail "Chromium (/usr/bin/chromium) is still missing after 'apt-get install chromium'."
if [ -z "$(postgres_initdb)" ]; then apt_install "PostgreSQL (scale-out database tests)" postgresql; fi
[ -n "$(postgres_initdb)" ] || fail "PostgreSQL's initdb is still missing after 'apt-get install postgresql'."
if [ ! -x "$RESTOREWEB_TOOLS/node_modules/.bin/azurite-blob" ]; then
  say "Installing Azurite $AZURITE_VERSION from npm into .tools"
  mkdir -p "$RESTOREWEB_TOOLS"
  npm install --prefix "$RESTOREWEB_TOOLS" --no-fund --no-audit --loglevel=error "azurite@$AZURITE_VERSION" >/dev/null ||
    fail "could not install Azurite: 'npm install azurite@$AZURITE_VERSION' failed."
fi

# --- build -------------------------------------------------------------------------------------------
say "Building RestoreWeb.sln ($CONFIGURATION)"
dotnet build RestoreWeb.sln -c "$CONFIGURATION" --disable-build-servers -nologo -clp:ErrorsOnly ||
  fail "the build failed (see the errors above)."

# --- test --------------------------------------------------------------------------------------------
reap_children() {
  # Fixtures stop their services themselves; this catches what a crashed test host could not.
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qx "RESTOREWEB_TEST_RUN=$RESTOREWEB_TEST_RUN"; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
trap reap_children EXIT

rm -rf "$RESULTS/trx"
mkdir -p "$RESULTS/trx" "$RESTOREWEB_ARTIFACTS"
PROJECTS=$(find tests -name '*.Tests.csproj' | sort)
say "Running $(echo "$PROJECTS" | wc -l) test projects"
# One project at a time: in parallel, five test hosts, Chromium, PostgreSQL, Azurite and the servers under test
# share two cores, and the end-to-end tests' waits would measure the machine's load rather than the product.
TEST_EXIT=0
for project in $PROJECTS; do
  say "Testing $(basename "$project" .csproj)"
  set +e
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx;LogFileName=$(basename "$project" .csproj).trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS/trx" \
    --blame-hang-timeout 15m
  code=$?
  set -e
  [ "$code" -eq 0 ] || TEST_EXIT=$code
done

# --- summary -----------------------------------------------------------------------------------------
passed=0; failed=0; reported=0
for trx in "$RESULTS"/trx/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  reported=$((reported + 1))
done
expected=$(echo "$PROJECTS" | wc -l)
if [ "$reported" -lt "$expected" ]; then
  echo "ERROR: only $reported of $expected test projects reported results (a test host crashed?)." >&2
  failed=$((failed + expected - reported))
fi
if [ "$TEST_EXIT" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "ERROR: dotnet test exited with $TEST_EXIT although no test failed." >&2
  failed=1
fi
if [ "$failed" -gt 0 ]; then
  # The console log is long; repeat each failure's name and message here so the end of the log says what broke.
  node - "$RESULTS"/trx/*.trx <<'JS' || true
const fs = require('fs');
const decode = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#xD;/g, '').replace(/&#xA;/g, '\n').replace(/&amp;/g, '&');
for (const file of process.argv.slice(2)) {
  const xml = fs.readFileSync(file, 'utf8');
  for (const m of xml.matchAll(/<UnitTestResult [^>]*?testName="([^"]*)"[^>]*?outcome="(Failed|Error|Timeout|Aborted)"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
    const message = (m[3].match(/<Message>([\s\S]*?)<\/Message>/) || [, ''])[1];
    const stack = (m[3].match(/<StackTrace>([\s\S]*?)<\/StackTrace>/) || [, ''])[1];
    console.log(`FAILED ${decode(m[1])}\n${decode(message).slice(0, 2000)}\n${decode(stack).split('\n').slice(0, 8).join('\n')}\n`);
  }
}
JS
fi
echo "Screenshots and other artifacts: $RESTOREWEB_ARTIFACTS"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
