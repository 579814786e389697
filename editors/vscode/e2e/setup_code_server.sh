#!/usr/bin/env bash
# Install code-server from npm without anything from outside the package registries, install
# the packaged extension into it, and start it on a workspace with a mistyped workflow.
#
# code-server's postinstall downloads ripgrep (and prebuilt native modules) from GitHub, which
# is not reachable here. So: install with --ignore-scripts, build the native modules from
# source against the system Node.js headers, and put Debian's `rg` where @vscode/ripgrep
# would have put its download. Needs: Node.js 20 (code-server 4.100.x requires exactly 20),
# gcc/make, and `apt-get install ripgrep chromium` (Chromium is for the Playwright check).
#
#   bash editors/vscode/e2e/setup_code_server.sh /tmp/cs [PORT]   # then code_server_check.py
set -euo pipefail
root=${1:-/tmp/code-server-e2e}
port=${2:-8089}
here=$(cd "$(dirname "$0")" && pwd)
python=${EVENTSMITH_PYTHON:-$(command -v python3)}
export npm_config_nodedir=${npm_config_nodedir:-/usr}   # headers in /usr/include/node
mkdir -p "$root" && cd "$root"
[ -f package.json ] || npm init -y >/dev/null
npm install code-server@4.100.3 --ignore-scripts --no-audit --no-fund --loglevel=error
npm rebuild argon2 >/dev/null
vscode="$root/node_modules/code-server/lib/vscode"
(cd "$vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
# kerberos (proxy authentication) needs krb5 headers and is not needed here.
for module in @vscode/spdlog node-pty native-watchdog @parcel/watcher; do
  (cd "$vscode" && npm rebuild "$module" >/dev/null 2>&1) || echo "warning: $module did not build"
done
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
# What postinstall.sh does after its npm install:
ln -sfn node_modules "$vscode/node_modules.asar"
(cd "$vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
(cd "$vscode/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund \
  --loglevel=error && node ./postinstall.mjs >/dev/null)

code_server=(node "$root/node_modules/code-server/out/node/entry.js" --config "$root/config.yaml"
  --user-data-dir "$root/data" --extensions-dir "$root/extensions")
"${code_server[@]}" --install-extension "$here/../eventsmith.vsix"

mkdir -p "$root/ws/.vscode" "$root/data/User"
cp "$here/order.asl.json" "$root/ws/order.asl.json"
# A SAM template with two state machines, for the preview's state machine chooser.
cp "$here/../../../tests/data/asl/templates/two-machines.template.yaml" "$root/ws/"
printf '{"eventsmith.interpreter": ["%s"], "eventsmith.registry": "%s"}\n' \
  "$python" "$root/ws/registry.sqlite3" > "$root/ws/.vscode/settings.json"
# In a browser VS Code saves after a delay by default: off, so a check's edits stay in the editor.
cat > "$root/data/User/settings.json" <<'JSON'
{"workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
 "telemetry.telemetryLevel": "off", "workbench.colorTheme": "Default Light Modern",
 "files.autoSave": "off"}
JSON
"${code_server[@]}" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
  --disable-workspace-trust "$root/ws" > "$root/code-server.log" 2>&1 &
echo $! > "$root/code-server.pid"
echo "code-server (pid $(cat "$root/code-server.pid")) on http://127.0.0.1:$port/?folder=$root/ws"
