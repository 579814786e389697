"""Drive the packaged extension inside a real VS Code (code-server in Chromium, Playwright).

Default: open a workflow with a mistyped `Next`, wait for the server's diagnostic in the
Problems panel, run "eventsmith: Preview workflow graph", wait for the SVG in the webview,
fix the typo by typing and wait for the redraw.

With --template: the state machine chooser on a SAM template with OrderFlow and RefundFlow:
the dropdown lists both, choosing RefundFlow draws it, typing keeps it chosen, renaming its
logical id falls back to OrderFlow with a note that stays while the name is away, naming it
again brings the choice back, and picking OrderFlow dismisses the note. Prints each check
and the seconds each redraw took.

Both save screenshots to --out and exit non-zero when any step fails. Needs code-server
running on the workspace (see docs/editors.md, "Checked in a real VS Code") and Playwright
with Debian's Chromium:

    python editors/vscode/e2e/code_server_check.py --url http://127.0.0.1:8089/ \
        --folder /tmp/cs/ws --out docs/img
    python editors/vscode/e2e/code_server_check.py --url http://127.0.0.1:8089/ \
        --folder /tmp/cs/ws --out docs/img \
        --template tests/data/asl/templates/two-machines.template.yaml

--theme "Default Dark Modern" runs either in that color theme (set in the workspace settings
for the run, then restored).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page, sync_playwright


def open_file(page: Page, name: str) -> None:
    page.keyboard.press("Control+P")
    page.wait_for_selector(".quick-input-widget input", state="visible")
    page.keyboard.type(name)
    page.wait_for_selector(f".quick-input-list .monaco-list-row[aria-label*='{name}']")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".tab[aria-label*='{name}']")


def run_command(page: Page, title: str) -> None:
    page.keyboard.press("Control+Shift+P")
    page.wait_for_selector(".quick-input-widget input", state="visible")
    page.keyboard.type(title)
    page.wait_for_selector(f".quick-input-list .monaco-list-row[aria-label*='{title}']")
    page.keyboard.press("Enter")


def svg_frame(page: Page) -> Frame | None:
    for frame in page.frames:
        try:
            if frame.locator("#graph svg").count() > 0:
                return frame
        except Exception:  # frames come and go while the webview loads
            continue
    return None


def wait_for_svg(page: Page, out: Path) -> Frame | None:
    deadline = time.monotonic() + 60
    frame = svg_frame(page)
    while frame is None and time.monotonic() < deadline:
        time.sleep(0.5)
        frame = svg_frame(page)
    if frame is None:
        print("the graph preview showed no SVG", file=sys.stderr)
        page.screenshot(path=str(out / "vscode-graph-failed.png"))
    return frame


def graph_labels(frame: Frame) -> list[str]:
    return frame.locator("#graph svg text").all_text_contents()


def focus_editor(page: Page) -> None:
    # Not a click: the lines are wider than an editor beside the preview, so a click at their
    # centre lands on the minimap and scrolls the editor away.
    run_command(page, "View: Focus First Editor Group")


def type_at_line(page: Page, line: int, keys: list[str], text: str) -> None:
    """Go to `line` in the first editor, press `keys` (from the line's end), type `text`."""
    focus_editor(page)
    page.keyboard.press("Control+G")
    page.keyboard.type(str(line))
    page.keyboard.press("Enter")
    page.keyboard.press("End")
    for key in keys:
        page.keyboard.press(key)
    page.keyboard.type(text)


def check_typo(page: Page, args: argparse.Namespace) -> int:
    """A workflow with a mistyped Next: the diagnostic, the graph, the graph after the fix."""
    sample = Path(__file__).with_name(args.file)
    if sample.is_file():  # a fresh copy: an earlier run may have saved its fix
        shutil.copyfile(sample, Path(args.folder) / args.file)
    open_file(page, args.file)
    run_command(page, "File: Revert File")
    page.keyboard.press("Control+Shift+M")  # Problems
    problem = page.locator(".markers-panel .monaco-tl-row", has_text=args.expect)
    problem.first.wait_for(timeout=60_000)
    print("Problems panel:", problem.first.inner_text().replace("\n", " "))
    focus_editor(page)
    run_command(page, "eventsmith: Preview workflow graph")
    frame = wait_for_svg(page, args.out)
    if frame is None:
        return 1
    labels = graph_labels(frame)
    print("graph labels:", labels)
    print("preview status:", frame.locator("#status").inner_text())
    time.sleep(1)
    page.screenshot(path=str(args.out / "vscode-graph-preview.png"))
    missing = [name for name in ("Check order", "Approved?", "Reject") if name not in labels]
    if missing:
        print(f"states missing from the graph: {missing}", file=sys.stderr)
        return 1
    # Fix the typo by typing: the preview must follow (a new version, no missing state).
    type_at_line(page, args.typo_line, ["ArrowLeft"] * 5, "p")
    frame.wait_for_function(
        "() => !document.querySelector('#graph svg').textContent.includes('no such state')",
        timeout=30_000,
    )
    print("after typing:", frame.locator("#status").inner_text())
    page.locator(".markers-panel", has_text=args.expect).wait_for(state="detached", timeout=30_000)
    time.sleep(1)
    page.screenshot(path=str(args.out / "vscode-graph-follows-typing.png"))
    return 0


REFUND_STATES = ("Wait a day", "Refund", "Pay back", "Done")


def chooser_state(frame: Frame) -> dict[str, Any]:
    state: dict[str, Any] = frame.evaluate(
        """() => {
          const select = document.getElementById("machine");
          const note = document.getElementById("note");
          const style = getComputedStyle(select);
          return {
            visible: !document.getElementById("chooser").hidden,
            options: Array.from(select.options, (option) => option.value),
            value: select.value,
            note: note.hidden ? null : note.textContent,
            disabled: Array.from(select.options, (option) => option.disabled ? option.text : null)
              .filter((text) => text !== null),
            status: document.getElementById("status").textContent,
            color: style.color, background: style.backgroundColor, border: style.borderColor,
          };
        }"""
    )
    return state


def timed_wait(frame: Frame, condition: str, what: str) -> float:
    """Wait for `condition` (a JS expression) in the webview; print and return the seconds."""
    start = time.monotonic()
    frame.wait_for_function(f"() => {condition}", timeout=30_000)
    seconds = time.monotonic() - start
    print(f"{what}: {seconds:.2f} s")
    return seconds


@contextmanager
def workspace_theme(folder: Path, theme: str | None) -> Iterator[None]:
    """Set `workbench.colorTheme` in the workspace's settings for the run, then restore them."""
    settings = folder / ".vscode" / "settings.json"
    before = settings.read_text(encoding="utf-8") if settings.exists() else None
    if theme:
        values = json.loads(before) if before else {}
        settings.parent.mkdir(exist_ok=True)
        settings.write_text(json.dumps({**values, "workbench.colorTheme": theme}), encoding="utf-8")
    try:
        yield
    finally:
        if theme and before is None:
            settings.unlink()
        elif theme and before is not None:
            settings.write_text(before, encoding="utf-8")


def check_machines(page: Page, args: argparse.Namespace) -> list[str]:
    """A template with OrderFlow and RefundFlow: the chooser, a choice kept while typing, and
    the fallback note when the chosen logical id is renamed away. Returns what failed."""
    failures: list[str] = []

    def expect(ok: bool, what: str) -> None:
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    template = Path(args.template)
    if template.is_file():  # a fresh copy: an earlier run may have saved its edits
        shutil.copyfile(template, Path(args.folder) / template.name)
    open_file(page, template.name)
    run_command(page, "File: Revert File")
    button = page.locator(".editor-actions [aria-label*='Preview workflow graph']")
    expect(button.count() == 1 and button.is_visible(), "the editor title has the graph button")
    focus_editor(page)
    run_command(page, "eventsmith: Preview workflow graph")
    frame = wait_for_svg(page, args.out)
    if frame is None:
        return ["no SVG"]
    frame.wait_for_selector("#chooser:not([hidden])", timeout=30_000)
    first = chooser_state(frame)
    print("chooser:", first)
    expect(
        first["options"] == ["OrderFlow", "RefundFlow"], "the dropdown lists OrderFlow, RefundFlow"
    )
    expect(first["value"] == "OrderFlow", "OrderFlow is chosen at first")
    expect("Charge" in graph_labels(frame), "OrderFlow's states are drawn at first")

    frame.select_option("#machine", "RefundFlow")
    timed_wait(
        frame,
        "document.querySelector('#graph svg').textContent.includes('Wait a day')",
        "redraw after choosing RefundFlow",
    )
    labels = graph_labels(frame)
    print("graph labels:", labels)
    expect(all(name in labels for name in REFUND_STATES), "RefundFlow's states are drawn")
    expect("Charge" not in labels, "OrderFlow's states are gone")
    time.sleep(1)
    page.screenshot(path=str(args.out / "vscode-graph-machines.png"))

    # Fix RefundFlow's mistyped `Next: Doen` by typing: the preview follows, still RefundFlow.
    version = chooser_state(frame)["status"]
    type_at_line(page, args.doen_line, ["Backspace", "Backspace"], "ne")
    timed_wait(
        frame,
        f"document.getElementById('status').textContent !== {version!r} && "
        "!document.querySelector('#graph svg').textContent.includes('Doen')",
        "redraw after typing in RefundFlow",
    )
    typed = chooser_state(frame)
    labels = graph_labels(frame)
    print("after typing:", typed["status"], labels)
    expect(typed["value"] == "RefundFlow", "RefundFlow is still chosen after typing")
    expect("Wait a day" in labels and "Charge" not in labels, "RefundFlow is still drawn")
    expect("Doen" not in labels, "the fixed Next is drawn")

    # Rename the logical id RefundFlow: the preview falls back to OrderFlow with a note.
    type_at_line(page, args.refund_line, ["Shift+Home"], "ReturnsFlow:")
    timed_wait(frame, "!document.getElementById('note').hidden", "fallback note after the rename")
    fallback = chooser_state(frame)
    labels = graph_labels(frame)
    print("fallback:", fallback, labels)
    expect(
        fallback["note"] == "“RefundFlow” is no longer in this document: showing OrderFlow.",
        "the note says RefundFlow is gone and OrderFlow is shown",
    )
    expect(
        fallback["options"] == ["OrderFlow", "ReturnsFlow", "RefundFlow"]
        and fallback["disabled"] == ["RefundFlow (not in the document)"],
        "the dropdown lists the new name, and RefundFlow disabled",
    )
    expect(fallback["value"] == "RefundFlow", "the dropdown still shows the choice")
    expect(
        "Charge" in labels and "Wait a day" not in labels, "OrderFlow is drawn after the fallback"
    )
    time.sleep(1)
    page.screenshot(path=str(args.out / "vscode-graph-machine-fallback.png"))

    # Typing elsewhere keeps the note (RefundFlow is still missing); naming the machine
    # RefundFlow again brings the choice back.
    version = chooser_state(frame)["status"]
    type_at_line(page, 1, [], ".")
    timed_wait(
        frame,
        f"document.getElementById('status').textContent !== {version!r}",
        "redraw after typing elsewhere",
    )
    later = chooser_state(frame)
    expect(later["note"] == fallback["note"], "the note stays while RefundFlow is missing")
    type_at_line(page, args.refund_line, ["Shift+Home"], "RefundFlow:")
    timed_wait(
        frame,
        "document.querySelector('#graph svg').textContent.includes('Wait a day')",
        "redraw after naming RefundFlow again",
    )
    back = chooser_state(frame)
    print("named again:", back)
    expect(back["value"] == "RefundFlow" and back["note"] is None, "RefundFlow is chosen again")
    expect(back["options"] == ["OrderFlow", "RefundFlow"], "the dropdown lists the two again")

    # Renamed away once more, then OrderFlow picked: the note goes, OrderFlow is the choice.
    type_at_line(page, args.refund_line, ["Shift+Home"], "ReturnsFlow:")
    timed_wait(frame, "!document.getElementById('note').hidden", "fallback note again")
    frame.select_option("#machine", "OrderFlow")
    timed_wait(frame, "document.getElementById('note').hidden", "note gone after picking OrderFlow")
    picked = chooser_state(frame)
    expect(picked["value"] == "OrderFlow", "OrderFlow is chosen after picking it")
    expect(picked["options"] == ["OrderFlow", "ReturnsFlow"], "the missing name left the dropdown")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8089/")
    parser.add_argument("--folder", required=True)
    parser.add_argument("--file", default="order.asl.json")
    parser.add_argument("--expect", default="Next names no state 'Aprove'")
    parser.add_argument("--typo-line", type=int, default=21, help="line of the mistyped Next")
    parser.add_argument(
        "--template",
        metavar="FILE",
        help="instead: the state machine chooser, on this template copied into the folder "
        "(tests/data/asl/templates/two-machines.template.yaml)",
    )
    parser.add_argument("--doen-line", type=int, default=43, help="template: `Next: Doen`")
    parser.add_argument("--refund-line", type=int, default=24, help="template: `RefundFlow:`")
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--theme", help="color theme for the run, e.g. 'Default Dark Modern'")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with workspace_theme(Path(args.folder), args.theme), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 820})
        page.goto(f"{args.url}?folder={args.folder}")
        page.wait_for_selector(".monaco-workbench", timeout=60_000)
        time.sleep(3)  # extensions activate after the workbench appears
        try:
            if args.template:
                failures = check_machines(page, args)
            else:
                failures = ["typo"] if check_typo(page, args) else []
        except Exception:
            page.screenshot(path=str(args.out / "vscode-check-failed.png"))
            raise
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
