// Driven by tests/editors/test_vscode_graph_choice.py: the packaged extension's own compiled
// modules (graphChoice.js, graphPage.js, and vscode-jsonrpc from its node_modules) talk to a
// real `eventsmith lsp` over stdio the way the preview does, and print what the webview
// would be sent as JSON. Arguments: the unpacked extension folder, then the template file.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const [extension, templatePath] = process.argv.slice(2);
const rpc = require(path.join(extension, "node_modules", "vscode-jsonrpc", "node"));
const { requestGraph, webviewMessage } = require(path.join(extension, "out", "graphChoice.js"));
const { graphPage } = require(path.join(extension, "out", "graphPage.js"));

async function main() {
  const server = spawn(JSON.parse(process.env.EVENTSMITH_SERVER_CMD)[0],
    JSON.parse(process.env.EVENTSMITH_SERVER_CMD).slice(1), { stdio: ["pipe", "pipe", "inherit"] });
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  connection.listen();
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification("initialized", {});
  const uri = "file://" + templatePath;
  let text = fs.readFileSync(templatePath, "utf8");
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: 1, text },
  });
  // Exactly the request graphPreview.ts makes.
  const ask = (stateMachine) => connection.sendRequest("eventsmith/graph", {
    textDocument: { uri },
    ...(stateMachine === undefined ? {} : { stateMachine }),
  });
  const seen = {};
  seen.first = webviewMessage(await requestGraph(ask, undefined));
  const chosen = await requestGraph(ask, "RefundFlow");
  seen.chosen = { ...webviewMessage(chosen), keep: chosen.chosen ?? null };
  text = text.replace("RefundFlow:", "ReturnsFlow:");
  await connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 2 }, contentChanges: [{ text }],
  });
  const fallback = await requestGraph(ask, "RefundFlow");
  seen.fallback = { ...webviewMessage(fallback), keep: fallback.chosen ?? null };
  try {
    await connection.sendRequest("eventsmith/graph", { textDocument: { uri }, stateMachine: "Nope" });
    seen.unknown = null;
  } catch (error) {
    seen.unknown = { code: error.code, message: error.message };
  }
  // Typing on while the name is gone: the note stays, and only the first machine is asked for.
  const change = async (version) => connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version }, contentChanges: [{ text }],
  });
  text += "# typed on\n";
  await change(3);
  const asked = [];
  const counting = async (stateMachine) => {
    asked.push(stateMachine ?? null);
    return ask(stateMachine);
  };
  const still = await requestGraph(counting, fallback.chosen, fallback.missing);
  seen.still = { ...webviewMessage(still), keep: still.chosen ?? null, asked };
  // The name comes back (an undo): the choice is drawn again.
  text = text.replace("ReturnsFlow:", "RefundFlow:");
  await change(4);
  const back = await requestGraph(ask, still.chosen, still.missing);
  seen.back = { ...webviewMessage(back), keep: back.chosen ?? null };
  seen.page = graphPage("vscode-webview://test", "0123abcd");
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  for (const key of ["first", "chosen", "fallback", "still", "back"]) {
    seen[key].svg = seen[key].svg.slice(0, 2000);
  }
  process.stdout.write(JSON.stringify(seen));
  connection.dispose();
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
