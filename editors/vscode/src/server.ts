// Which command starts `eventsmith lsp`, in the order of Microsoft's Python tools extension
// template: an explicit path, the `interpreter` setting, the Python extension's interpreter,
// then `eventsmith` on PATH.
import * as vscode from "vscode";
import { Executable } from "vscode-languageclient/node";

interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(env: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

export async function serverExecutable(
  config: vscode.WorkspaceConfiguration,
  resource?: vscode.Uri,
): Promise<Executable> {
  const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
  const serverPath = resolveVariables(config.get<string>("serverPath", "").trim(), folder);
  if (serverPath) {
    return { command: serverPath, args: ["lsp"] };
  }
  const interpreter = config
    .get<string[]>("interpreter", [])
    .filter((part) => part.trim())
    .map((part) => resolveVariables(part, folder));
  if (interpreter.length > 0) {
    return pythonModule(interpreter);
  }
  const fromPythonExtension = await activePythonInterpreter(resource);
  if (fromPythonExtension) {
    return pythonModule([fromPythonExtension]);
  }
  return { command: "eventsmith", args: ["lsp"] };
}

/** `${workspaceFolder}`, `${userHome}` and `${env:NAME}` in paths, as the Python tools resolve them. */
export function resolveVariables(value: string, folder?: vscode.WorkspaceFolder): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? "";
  return value
    .replace(/\$\{workspaceFolder\}/g, folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? "")
    .replace(/\$\{userHome\}/g, home)
    .replace(/\$\{env:([^}]+)\}/g, (_match, name: string) => process.env[name] ?? "");
}

function pythonModule(interpreter: string[]): Executable {
  const [command, ...args] = interpreter;
  return { command, args: [...args, "-m", "eventsmith.cli.main", "lsp"] };
}

async function activePythonInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const environments = api?.environments;
    if (!environments) {
      return undefined;
    }
    const active = environments.getActiveEnvironmentPath(resource);
    const resolved = await environments.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath;
  } catch {
    return undefined;
  }
}

/** The `eventsmith` settings section, as the server reads it (initialization options). */
export function serverSettings(config: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of ["registry", "inputSchema", "extraGlobs", "asl", "debounceMs"]) {
    const value = config.get(key);
    if (value !== undefined && value !== "") {
      settings[key] = value;
    }
  }
  return settings;
}
