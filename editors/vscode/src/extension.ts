// The eventsmith VS Code extension: starts `eventsmith lsp` and adds the workflow graph preview.
// Everything else (diagnostics, completion, hover, outline, rename, fixes) comes from the server.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { GraphPreviews } from "./graphPreview";
import { serverExecutable, serverSettings } from "./server";

const SECTION = "eventsmith";

export const DOCUMENTS: LanguageClientOptions["documentSelector"] = [
  { language: "asl-json" },
  { language: "asl-yaml" },
  { language: "eventbridge-pattern" },
  { language: "eventbridge-event" },
  // SAM/CloudFormation templates: the server sniffs them for state machines.
  { pattern: "**/template.{yaml,yml}" },
  { pattern: "**/*.template.{json,yaml,yml}" },
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("eventsmith");
  const previews = new GraphPreviews(() => client);
  context.subscriptions.push(output, previews);

  context.subscriptions.push(
    vscode.commands.registerCommand("eventsmith.previewGraph", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage("eventsmith: open a workflow to preview its graph.");
        return;
      }
      await previews.open(editor.document);
    }),
    vscode.commands.registerCommand("eventsmith.restartServer", async () => {
      await stop();
      await start(output, previews);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.serverPath`) || event.affectsConfiguration(`${SECTION}.interpreter`)) {
        await stop();
        await start(output, previews);
      }
    }),
  );
  await start(output, previews);
}

async function start(output: vscode.OutputChannel, previews: GraphPreviews): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const executable = await serverExecutable(config, vscode.workspace.workspaceFolders?.[0]?.uri);
  output.appendLine(`Starting ${executable.command} ${(executable.args ?? []).join(" ")}`);
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENTS,
    outputChannel: output,
    initializationOptions: serverSettings(config),
    synchronize: { configurationSection: SECTION },
  };
  client = new LanguageClient(SECTION, "eventsmith", serverOptions, clientOptions);
  client.onNotification("eventsmith/graphChanged", (params: { uri: string; version: number }) =>
    previews.changed(params),
  );
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `eventsmith: could not start the language server (${executable.command}). ` +
        "Install eventsmith (pip install eventsmith) or set eventsmith.interpreter / eventsmith.serverPath.",
    );
    output.appendLine(String(error));
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

export async function deactivate(): Promise<void> {
  await stop();
}
