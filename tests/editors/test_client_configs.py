"""The JetBrains template and the Neovim snippets name the files the server serves
(eventsmith.lsp.documents.GLOBS) with the language ids of the contract, and the Lua compiles
under Neovim's own LuaJIT."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
from pathlib import Path

import pytest

from eventsmith.lsp.documents import GLOBS, Kind

from .conftest import NVIM_INSTALL, required_tool

EDITORS = Path(__file__).parents[2] / "editors"
TEMPLATE = EDITORS / "jetbrains" / "eventsmith"
LANGUAGE_IDS = {
    "*.asl.json": "asl-json",
    "*.asl.yaml": "asl-yaml",
    "*.asl.yml": "asl-yaml",
    "*.pattern.json": "eventbridge-pattern",
    "*.event.json": "eventbridge-event",
    "*.events.jsonl": "eventbridge-event",
}
EXAMPLES = {
    "*.asl.json": "orders.asl.json",
    "*.asl.yaml": "orders.asl.yaml",
    "*.asl.yml": "orders.asl.yml",
    "template.yaml": "template.yaml",
    "template.yml": "template.yml",
    "*.template.json": "stack.template.json",
    "*.template.yaml": "stack.template.yaml",
    "*.template.yml": "stack.template.yml",
    "*.pattern.json": "orders.pattern.json",
    "*.event.json": "placed.event.json",
    "*.events.jsonl": "today.events.jsonl",
}


def test_the_jetbrains_template_maps_every_served_glob_to_its_language_id() -> None:
    template = json.loads((TEMPLATE / "template.json").read_text(encoding="utf-8"))
    assert template["id"] == "eventsmith"
    assert template["programArgs"]["default"] == "eventsmith lsp"
    mapped = {
        pattern: mapping["languageId"]
        for mapping in template["fileTypeMappings"]
        for pattern in mapping["fileType"]["patterns"]
    }
    served = {glob for kind in (Kind.WORKFLOW, Kind.PATTERN, Kind.EVENTS) for glob in GLOBS[kind]}
    assert set(mapped) == served
    for glob, language in LANGUAGE_IDS.items():
        assert mapped[glob] == language
    for name in ("initializationOptions.json", "settings.json", "installer.json"):
        json.loads((TEMPLATE / name).read_text(encoding="utf-8"))


def test_the_jetbrains_settings_follow_their_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((TEMPLATE / "settings.schema.json").read_text(encoding="utf-8"))
    settings = json.loads((TEMPLATE / "settings.json").read_text(encoding="utf-8"))
    jsonschema.validate(settings, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"eventsmith": {"asl": {"severity": {"ASL101": "loud"}}}}, schema)


def test_the_neovim_snippets_attach_to_every_served_file_name() -> None:
    plain = (EDITORS / "neovim" / "eventsmith.lua").read_text(encoding="utf-8")
    for glob in EXAMPLES:
        assert f'"{glob}"' in plain, glob
    for glob, name in EXAMPLES.items():
        assert fnmatch.fnmatchcase(name, glob)


@pytest.mark.parametrize("snippet", ["eventsmith.lua", "lspconfig.lua"])
def test_the_neovim_snippets_compile(snippet: str, tmp_path: Path) -> None:
    nvim = required_tool("nvim", NVIM_INSTALL)
    path = EDITORS / "neovim" / snippet
    check = (
        f"lua local ok, err = loadfile('{path}'); "
        "if not ok then io.stderr:write(err); vim.cmd('cquit 3') end"
    )
    result = subprocess.run(
        [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", check, "-c", "qa!"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
