// "eventsmith: Preview workflow graph": a webview with the server's SVG for one document,
// redrawn when the server says the graph changed (`eventsmith/graphChanged`).
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";

interface GraphResult {
  uri: string;
  version: number;
  svg: string;
}

interface GraphChanged {
  uri: string;
  version: number;
}

export class GraphPreviews implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async open(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal(vscode.ViewColumn.Beside, true);
      await this.refresh(key);
      return;
    }
    const title = `Graph: ${document.uri.path.split("/").pop() ?? key}`;
    const panel = vscode.window.createWebviewPanel(
      "eventsmith.graph",
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true },
    );
    panel.webview.html = page(panel.webview);
    panel.onDidDispose(() => this.panels.delete(key));
    this.panels.set(key, panel);
    await this.refresh(key);
  }

  /** The server published diagnostics for a new version of `uri`: redraw its preview. */
  async changed(params: GraphChanged): Promise<void> {
    if (this.panels.has(params.uri)) {
      await this.refresh(params.uri);
    }
  }

  private async refresh(uri: string): Promise<void> {
    const panel = this.panels.get(uri);
    const client = this.client();
    if (!panel || !client) {
      return;
    }
    try {
      const result = await client.sendRequest<GraphResult>("eventsmith/graph", {
        textDocument: { uri },
      });
      await panel.webview.postMessage({ svg: result.svg, version: result.version });
    } catch (error) {
      await panel.webview.postMessage({ error: String(error) });
    }
  }

  dispose(): void {
    for (const panel of this.panels.values()) {
      panel.dispose();
    }
    this.panels.clear();
  }
}

function page(webview: vscode.Webview): string {
  const nonce = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
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
  #status { font: 12px var(--vscode-font-family); color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<div id="status">Waiting for the language server…</div>
<div id="graph"></div>
<script nonce="${nonce}">
  const graph = document.getElementById("graph");
  const status = document.getElementById("status");
  window.addEventListener("message", (event) => {
    const message = event.data;
    if (message.error) {
      status.textContent = "No graph: " + message.error;
      return;
    }
    // The SVG comes from our own server; DOMParser keeps any script in it inert.
    const parsed = new DOMParser().parseFromString(message.svg, "image/svg+xml");
    graph.replaceChildren(document.importNode(parsed.documentElement, true));
    status.textContent = "Version " + message.version;
  });
</script>
</body>
</html>`;
}
