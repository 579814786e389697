"""The VS Code extension as `.ci/run` packages it (`npm run package` in editors/vscode, i.e. tsc
then `vsce package`): the .vsix holds the manifest, the compiled JS and its runtime
dependency, and declares what the language server serves (contracts: language ids, globs,
the graph preview command, the `eventsmith` settings)."""

from __future__ import annotations

import json
import re
import zipfile


def test_the_vsix_holds_the_manifest_the_compiled_js_and_the_language_client(
    vsix: zipfile.ZipFile,
) -> None:
    names = set(vsix.namelist())
    for required in (
        "extension.vsixmanifest",
        "[Content_Types].xml",
        "extension/package.json",
        "extension/readme.md",
        "extension/out/extension.js",
        "extension/out/graphPreview.js",
        "extension/out/graphChoice.js",
        "extension/out/graphPage.js",
        "extension/out/server.js",
        "extension/language-configuration.json",
        "extension/node_modules/vscode-languageclient/node.js",
    ):
        assert required in names, required
    assert not [name for name in names if name.startswith("extension/src/")]
    # The code-server check (Playwright, setup script) is for developers, not for users.
    assert not [name for name in names if name.startswith("extension/e2e/")]
    assert not [name for name in names if "/node_modules/typescript/" in name]
    manifest = vsix.read("extension.vsixmanifest").decode()
    assert 'Id="eventsmith"' in manifest and 'Publisher="eventsmith"' in manifest


def test_the_packaged_manifest_declares_the_languages_and_the_preview(
    vsix: zipfile.ZipFile,
) -> None:
    package = json.loads(vsix.read("extension/package.json"))
    assert package["main"] == "./out/extension.js"
    languages = {item["id"]: item["extensions"] for item in package["contributes"]["languages"]}
    assert languages == {
        "asl-json": [".asl.json"],
        "asl-yaml": [".asl.yaml", ".asl.yml"],
        "eventbridge-pattern": [".pattern.json"],
        "eventbridge-event": [".event.json", ".events.jsonl"],
    }
    commands = {item["command"]: item["title"] for item in package["contributes"]["commands"]}
    assert commands["eventsmith.previewGraph"] == "Preview workflow graph"
    settings = package["contributes"]["configuration"]["properties"]
    for key in ("serverPath", "interpreter", "registry", "inputSchema", "extraGlobs", "asl"):
        assert f"eventsmith.{key}" in settings
    for grammar in package["contributes"]["grammars"]:
        assert grammar["path"].removeprefix("./") in {
            name.removeprefix("extension/") for name in vsix.namelist()
        }


def test_the_compiled_extension_wires_the_custom_protocol(vsix: zipfile.ZipFile) -> None:
    extension = vsix.read("extension/out/extension.js").decode()
    preview = vsix.read("extension/out/graphPreview.js").decode()
    server = vsix.read("extension/out/server.js").decode()
    assert 'require("vscode-languageclient/node")' in extension
    assert '"eventsmith/graphChanged"' in extension
    assert '"eventsmith.previewGraph"' in extension
    assert re.search(r'sendRequest\("eventsmith/graph",\s*\{\s*textDocument: \{ uri \}', preview)
    assert '"-m", "eventsmith.cli.main", "lsp"' in server
    for variable in ("workspaceFolder", "userHome", "env:"):
        assert variable in server  # resolved in serverPath/interpreter, as the Python tools do
    for glob in ("**/template.{yaml,yml}", "**/*.template.{json,yaml,yml}"):
        assert glob in extension


def test_templates_activate_the_extension_and_get_the_preview_button(
    vsix: zipfile.ZipFile,
) -> None:
    # Seen in code-server: a template opened the graph only from the command palette.
    package = json.loads(vsix.read("extension/package.json"))
    extension = vsix.read("extension/out/extension.js").decode()
    served = re.findall(r'pattern: "([^"]+)"', extension)
    assert served == ["**/template.{yaml,yml}", "**/*.template.{json,yaml,yml}"]
    for glob in served:
        assert f"workspaceContains:{glob}" in package["activationEvents"]
    [button] = [
        item
        for item in package["contributes"]["menus"]["editor/title"]
        if item["command"] == "eventsmith.previewGraph"
    ]
    [pattern] = re.findall(r"resourceFilename =~ /(.+)/", button["when"])
    names = {
        "template.yaml": True,
        "template.yml": True,
        "two-machines.template.yaml": True,
        "stack.template.json": True,
        "template.json": False,  # not served: the server sniffs only the globs above
        "order.yaml": False,
        "mytemplate.yaml": False,
    }
    assert {name: bool(re.search(pattern, name)) for name in names} == names
    assert "editorLangId == asl-json" in button["when"]
    assert "editorLangId == asl-yaml" in button["when"]
