"""Drive the packaged extension inside a real VS Code (code-server in Chromium, Playwright):
open a workflow with a mistyped `Next`, wait for the server's diagnostic in the Problems
panel, run "eventsmith: Preview workflow graph", wait for the SVG in the webview, and save
screenshots. Exits non-zero when any of that does not happen.

Needs code-server running on the workspace (see docs/editors.md, "Checked in a real VS
Code") and Playwright with Debian's Chromium:

    python editors/vscode/e2e/code_server_check.py --url http://127.0.0.1:8089/ \
        --folder /tmp/ws --out docs/img
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8089/")
    parser.add_argument("--folder", required=True)
    parser.add_argument("--file", default="order.asl.json")
    parser.add_argument("--expect", default="Next names no state 'Aprove'")
    parser.add_argument("--typo-line", type=int, default=21, help="line of the mistyped Next")
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 820})
        page.goto(f"{args.url}?folder={args.folder}")
        page.wait_for_selector(".monaco-workbench", timeout=60_000)
        time.sleep(3)  # extensions activate after the workbench appears
        open_file(page, args.file)
        page.keyboard.press("Control+Shift+M")  # Problems
        problem = page.locator(".markers-panel .monaco-tl-row", has_text=args.expect)
        problem.first.wait_for(timeout=60_000)
        print("Problems panel:", problem.first.inner_text().replace("\n", " "))
        page.locator(".monaco-editor .view-lines").first.click()
        run_command(page, "eventsmith: Preview workflow graph")
        deadline = time.monotonic() + 60
        frame = svg_frame(page)
        while frame is None and time.monotonic() < deadline:
            time.sleep(0.5)
            frame = svg_frame(page)
        if frame is None:
            print("the graph preview showed no SVG", file=sys.stderr)
            page.screenshot(path=str(args.out / "vscode-graph-failed.png"))
            return 1
        labels = frame.locator("#graph svg text").all_text_contents()
        print("graph labels:", labels)
        status = frame.locator("#status").inner_text()
        print("preview status:", status)
        time.sleep(1)
        page.screenshot(path=str(args.out / "vscode-graph-preview.png"))
        missing = [name for name in ("Check order", "Approved?", "Reject") if name not in labels]
        if missing:
            print(f"states missing from the graph: {missing}", file=sys.stderr)
            return 1
        # Fix the typo by typing: the preview must follow (a new version, no missing state).
        editor_text = page.locator(".monaco-editor .view-lines").first
        editor_text.click()
        page.keyboard.press("Control+G")
        page.keyboard.type(str(args.typo_line))
        page.keyboard.press("Enter")
        page.keyboard.press("End")
        for _ in range(5):
            page.keyboard.press("ArrowLeft")
        page.keyboard.type("p")
        frame.wait_for_function(
            "() => !document.querySelector('#graph svg').textContent.includes('no such state')",
            timeout=30_000,
        )
        print("after typing:", frame.locator("#status").inner_text())
        page.locator(".markers-panel", has_text=args.expect).wait_for(
            state="detached", timeout=30_000
        )
        time.sleep(1)
        page.screenshot(path=str(args.out / "vscode-graph-follows-typing.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
