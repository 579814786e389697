// "eventsmith: Preview workflow graph": a webview with the server's SVG for one document,
// redrawn when the server says the graph changed (`eventsmith/graphChanged`). For a template
// with several state machines the webview offers a chooser; the choice is kept per preview,
// also while its name is missing from the document (the first machine is drawn meanwhile).
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { GraphResult, requestGraph, webviewMessage } from "./graphChoice";
import { graphPage } from "./graphPage";

interface GraphChanged {
  uri: string;
  version: number;
}

interface Preview {
  panel: vscode.WebviewPanel;
  /** The machine the user picked in the chooser; undefined: the first one. */
  chosen: string | undefined;
  /** The document lacked `chosen` at the last redraw (see requestGraph). */
  missing: boolean;
  /** Bumped per request: an answer to an older request is not drawn over a newer one. */
  requests: number;
}

export class GraphPreviews implements vscode.Disposable {
  private readonly previews = new Map<string, Preview>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async open(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const existing = this.previews.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
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
    panel.webview.html = graphPage(panel.webview.cspSource, nonce());
    const preview: Preview = { panel, chosen: undefined, missing: false, requests: 0 };
    panel.onDidDispose(() => this.previews.delete(key));
    panel.webview.onDidReceiveMessage(async (message: { choose?: unknown }) => {
      if (typeof message.choose === "string") {
        preview.chosen = message.choose;
        preview.missing = false;
        await this.refresh(key);
      }
    });
    this.previews.set(key, preview);
    await this.refresh(key);
  }

  /** The server published diagnostics for a new version of `uri`: redraw its preview. */
  async changed(params: GraphChanged): Promise<void> {
    if (this.previews.has(params.uri)) {
      await this.refresh(params.uri);
    }
  }

  private async refresh(uri: string): Promise<void> {
    const preview = this.previews.get(uri);
    const client = this.client();
    if (!preview || !client) {
      return;
    }
    const request = ++preview.requests;
    const ask = (stateMachine: string | undefined) =>
      client.sendRequest<GraphResult>("eventsmith/graph", {
        textDocument: { uri },
        ...(stateMachine === undefined ? {} : { stateMachine }),
      });
    try {
      const drawn = await requestGraph(ask, preview.chosen, preview.missing);
      if (request !== preview.requests) {
        return;
      }
      preview.chosen = drawn.chosen;
      preview.missing = drawn.missing;
      await preview.panel.webview.postMessage(webviewMessage(drawn));
    } catch (error) {
      if (request === preview.requests) {
        await preview.panel.webview.postMessage({ error: String(error) });
      }
    }
  }

  dispose(): void {
    for (const preview of this.previews.values()) {
      preview.panel.dispose();
    }
    this.previews.clear();
  }
}

function nonce(): string {
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}
