// Which state machine a graph preview asks the server for, and what to do when the one the
// user chose is gone. No `vscode` import: tests/editors runs the compiled file with node.

/** The `eventsmith/graph` result (docs/lsp.md, "Custom protocol"). */
export interface GraphResult {
  uri: string;
  version: number;
  svg: string;
  /** The machine drawn: a template's logical id, null for a plain ASL document. */
  stateMachine: string | null;
  /** Every machine of the document in document order (empty for a plain ASL document). */
  stateMachines: string[];
}

/** What a preview shows: the answer, the choice to keep for the next edit, and a note. */
export interface Drawn {
  result: GraphResult;
  chosen: string | undefined;
  note?: string;
}

/** JSON-RPC InvalidParams: the server's answer to a `stateMachine` the document lacks. */
export const INVALID_PARAMS = -32602;

export type GraphRequest = (stateMachine: string | undefined) => Promise<GraphResult>;

/**
 * Ask for `chosen` (the first machine when undefined). When the document no longer has it
 * (renamed or deleted while the preview was open), draw the first one, forget the choice
 * and say so; any other failure is the caller's to show.
 */
export async function requestGraph(request: GraphRequest, chosen: string | undefined): Promise<Drawn> {
  if (chosen === undefined) {
    return { result: await request(undefined), chosen };
  }
  try {
    return { result: await request(chosen), chosen };
  } catch (error) {
    if (!isUnknownMachine(error)) {
      throw error;
    }
    const result = await request(undefined);
    const shown = result.stateMachine ?? "the first state machine";
    return { result, chosen: undefined, note: `“${chosen}” is no longer in this document: showing ${shown}.` };
  }
}

export function isUnknownMachine(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === INVALID_PARAMS;
}

/** The message the webview draws from (see graphPage.ts). */
export function webviewMessage(drawn: Drawn): Record<string, unknown> {
  const { result } = drawn;
  return {
    svg: result.svg,
    version: result.version,
    // Older servers send neither field: no chooser then.
    machines: Array.isArray(result.stateMachines) ? result.stateMachines : [],
    machine: result.stateMachine ?? null,
    note: drawn.note ?? null,
  };
}
