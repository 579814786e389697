// The graph preview's webview page: a state machine chooser (shown for templates with more
// than one) above the server's SVG. No `vscode` import: tests/editors checks the page.

/** The page for a webview whose resources come from `cspSource`; scripts run by `nonce` only. */
export function graphPage(cspSource: string, nonce: string): string {
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    "style-src 'unsafe-inline'",
    `script-src 'nonce-${nonce}'`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style>
  body { margin: 0; padding: 8px; background: var(--vscode-editor-background); }
  #graph svg { max-width: 100%; height: auto; background: white; border-radius: 4px; }
  #status, #note, label { font: 12px var(--vscode-font-family); color: var(--vscode-descriptionForeground); }
  #chooser { margin-bottom: 6px; }
  #chooser[hidden], #note[hidden] { display: none; }
  select { font: 12px var(--vscode-font-family); color: var(--vscode-dropdown-foreground);
    background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border); }
  #note { color: var(--vscode-editorWarning-foreground); margin-bottom: 6px; }
</style>
</head>
<body>
<div id="chooser" hidden><label for="machine">State machine</label> <select id="machine"></select></div>
<div id="note" role="status" hidden></div>
<div id="status">Waiting for the language server…</div>
<div id="graph"></div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const graph = document.getElementById("graph");
  const status = document.getElementById("status");
  const note = document.getElementById("note");
  const chooser = document.getElementById("chooser");
  const select = document.getElementById("machine");
  select.addEventListener("change", () => vscode.postMessage({ choose: select.value }));
  function showMachines(machines, machine, missing) {
    chooser.hidden = machines.length + (missing === null ? 0 : 1) < 2;
    // Rebuilt only when the names change, so an open dropdown survives a redraw.
    const key = JSON.stringify([machines, missing]);
    if (select.dataset.key !== key) {
      select.dataset.key = key;
      const options = machines.map((name) => new Option(name, name));
      if (missing !== null) {
        const gone = new Option(missing + " (not in the document)", missing);
        gone.disabled = true;
        options.push(gone);
      }
      select.replaceChildren(...options);
    }
    if (missing !== null || machine !== null) {
      select.value = missing ?? machine;
    }
  }
  window.addEventListener("message", (event) => {
    const message = event.data;
    if (message.error) {
      status.textContent = "No graph: " + message.error;
      return;
    }
    showMachines(message.machines || [], message.machine ?? null, message.missing ?? null);
    note.hidden = !message.note;
    note.textContent = message.note || "";
    // The SVG comes from our own server; DOMParser keeps any script in it inert.
    const parsed = new DOMParser().parseFromString(message.svg, "image/svg+xml");
    graph.replaceChildren(document.importNode(parsed.documentElement, true));
    status.textContent = "Version " + message.version;
  });
</script>
</body>
</html>`;
}
