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
  /** The user's choice: kept until they choose again, also while the document lacks it. */
  chosen: string | undefined;
  /** `chosen` is not in the document (renamed or deleted): the first machine is drawn. */
  missing: boolean;
  note?: string;
}

/** JSON-RPC InvalidParams: the server's answer to a `stateMachine` the document lacks. */
export const INVALID_PARAMS = -32602;

export type GraphRequest = (stateMachine: string | undefined) => Promise<GraphResult>;

/**
 * Ask for `chosen` (the first machine when undefined). When the document no longer has it
 * (renamed or deleted while the preview was open), draw the first one and say so, for as
 * long as the name stays away; when it comes back (an undo, a rename back), draw it again.
 * `missing` is the previous answer's: while the name is gone, only the first machine is
 * asked for, so the server is not sent a name it lacks on every keystroke. Any other
 * failure is the caller's to show.
 */
export async function requestGraph(
  request: GraphRequest,
  chosen: string | undefined,
  missing = false,
): Promise<Drawn> {
  if (chosen === undefined) {
    return { result: await request(undefined), chosen, missing: false };
  }
  if (missing) {
    const first = await request(undefined);
    if (!machinesOf(first).includes(chosen)) {
      return fallback(first, chosen);
    }
    if (first.stateMachine === chosen) {
      return { result: first, chosen, missing: false };
    }
  }
  try {
    return { result: await request(chosen), chosen, missing: false };
  } catch (error) {
    if (!isUnknownMachine(error)) {
      throw error;
    }
    return fallback(await request(undefined), chosen);
  }
}

function fallback(result: GraphResult, chosen: string): Drawn {
  const shown = result.stateMachine ?? "the first state machine";
  return {
    result,
    chosen,
    missing: true,
    note: `“${chosen}” is no longer in this document: showing ${shown}.`,
  };
}

function machinesOf(result: GraphResult): string[] {
  // Older servers send no `stateMachines`.
  return Array.isArray(result.stateMachines) ? result.stateMachines : [];
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
    machines: machinesOf(result),
    machine: result.stateMachine ?? null,
    note: drawn.note ?? null,
    // The chooser lists it, disabled, so that picking the machine drawn instead is a change.
    missing: drawn.missing ? (drawn.chosen ?? null) : null,
  };
}
