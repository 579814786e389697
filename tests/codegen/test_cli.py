"""`eventsmith codegen` end to end: layouts, determinism, --check, --from, hostile names."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventsmith.codegen._layout import SchemaPlace, UnsafePath, module_path, safe_join
from tests.codegen.conftest import require_tool, run_cli

OPENAPI = {
    "openapi": "3.0.0",
    "info": {"version": "1.0.0", "title": "OrderShipped"},
    "paths": {},
    "components": {
        "schemas": {
            "AWSEvent": {
                "type": "object",
                "required": ["detail", "detail-type", "source", "time"],
                "x-amazon-events-detail-type": "Order Shipped",
                "x-amazon-events-source": "com.shop.shipping",
                "properties": {
                    "detail": {"$ref": "#/components/schemas/OrderShipped"},
                    "detail-type": {"type": "string"},
                    "source": {"type": "string"},
                    "time": {"type": "string", "format": "date-time"},
                },
            },
            "OrderShipped": {
                "type": "object",
                "required": ["orderId"],
                "properties": {
                    "orderId": {"type": "string"},
                    "carrier": {"type": "string", "nullable": True},
                    "parcels": {"type": "array", "items": {"$ref": "#/components/schemas/Parcel"}},
                },
            },
            "Parcel": {"type": "object", "properties": {"weight": {"type": "number"}}},
        }
    },
}
SHIPPED = {
    "detail-type": "Order Shipped",
    "source": "com.shop.shipping",
    "time": "2024-01-01T00:00:00Z",
    "detail": {"orderId": "o-1", "carrier": None, "parcels": [{"weight": 1}, {"weight": 0.5}]},
}


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_eventbridge_layout_paths_follow_aws() -> None:
    ec2 = SchemaPlace("aws.ec2@EC2InstanceStateChangeNotification", "aws.ec2", None)
    assert str(module_path(ec2, "python", "eventbridge")) == (
        "schema/aws/ec2/ec2instancestatechangenotification/__init__.py"
    )
    assert str(module_path(ec2, "typescript", "eventbridge")) == (
        "schema/aws/ec2/ec2instancestatechangenotification/index.ts"
    )
    assert str(module_path(ec2, "python", "flat")) == (
        "aws_ec2_ec2instancestatechangenotification.py"
    )
    keyword_source = SchemaPlace("class.import@From", None, None)
    assert str(module_path(keyword_source, "python", "eventbridge")) == (
        "schema/class_/import_/from_/__init__.py"
    )


@pytest.mark.parametrize(
    "name", ["../../x@../y", "/etc/passwd", "..", "a/../../b", "@", "C:\\windows@x", "x\n@y"]
)
def test_no_schema_name_leads_outside_the_output_folder(tmp_path: Path, name: str) -> None:
    for language in ("python", "typescript"):
        for layout in ("eventbridge", "flat"):
            path = module_path(SchemaPlace(name, name, name), language, layout)
            assert safe_join(tmp_path, path).is_relative_to(tmp_path)


def test_safe_join_refuses_escapes(tmp_path: Path) -> None:
    from pathlib import PurePosixPath

    for bad in ("../x.py", "/abs.py", "a/../../x.py"):
        with pytest.raises(UnsafePath):
            safe_join(tmp_path, PurePosixPath(bad))


def test_output_is_byte_identical_across_runs_and_hash_seeds(
    registry_path, python_out, typescript_out, tmp_path
) -> None:
    # The fixtures ran with a random hash seed; set iteration order must not leak into output.
    for language, (first, _) in (("python", python_out), ("typescript", typescript_out)):
        out = tmp_path / language
        result = run_cli(
            registry_path, "codegen", "--all", "--lang", language, "--out", str(out),
            env={"PYTHONHASHSEED": "12345"},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert tree(out) == tree(first)
        assert not any(b"timestamp" in content for content in tree(out).values())


def test_check_reports_changed_and_missing_files(registry_path, typescript_out, tmp_path) -> None:
    out = tmp_path / "out"
    shutil.copytree(typescript_out[0], out)
    args = ("codegen", "--all", "--lang", "typescript", "--out", str(out))
    clean = run_cli(registry_path, *args, "--check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Up to date" in clean.stdout
    files = sorted(out.rglob("index.ts"))
    files[0].write_text(files[0].read_text() + "// hand edit\n")
    files[1].unlink()
    dirty = run_cli(registry_path, *args, "--check", "--json")
    assert dirty.returncode == 1
    report = json.loads(dirty.stdout)
    statuses = {f["path"]: f["status"] for f in report["files"] if f["status"] != "same"}
    expected = {str(files[0].relative_to(out)), str(files[1].relative_to(out))}
    assert statuses == {expected_path: "differs" for expected_path in expected} | {
        str(files[1].relative_to(out)): "missing"
    }
    text = run_cli(registry_path, *args, "--check")
    assert f"differs: {files[0]}" in text.stdout and f"missing: {files[1]}" in text.stdout
    assert not files[1].exists()  # --check writes nothing
    rewritten = run_cli(registry_path, *args)
    assert sorted(rewritten.stdout.split()) == sorted(str(out / path) for path in expected)


def test_check_with_all_reports_bindings_of_deleted_schemas(registry_path, tmp_path) -> None:
    out = tmp_path / "out"
    left_over = out / "schema" / "gone" / "thing" / "index.ts"
    left_over.parent.mkdir(parents=True)
    left_over.write_text('// Generated by eventsmith from schema "gone@Thing" version 1.\n')
    hand_written = out / "schema" / "main.ts"
    hand_written.write_text("export const mine = 1;\n")
    args = ("codegen", "--all", "--lang", "typescript", "--out", str(out))
    assert run_cli(registry_path, *args).returncode == 0
    report = run_cli(registry_path, *args, "--check", "--json")
    assert report.returncode == 1
    assert json.loads(report.stdout)["stale"] == ["schema/gone/thing/index.ts"]
    assert "no longer in the registry" in report.stderr
    assert left_over.exists() and hand_written.exists()  # nothing is deleted


def test_a_second_run_writes_nothing(registry_path, python_out) -> None:
    out, modules = python_out
    args = ("codegen", "--all", "--lang", "python", "--out", str(out), "--json")
    report = json.loads(run_cli(registry_path, *args).stdout)
    assert {f["status"] for f in report["files"]} == {"unchanged"}
    assert {f["schema"] for f in report["files"]} - {None} == set(modules)


def test_flat_layout_and_named_versions(registry_path, tmp_path) -> None:
    result = run_cli(
        registry_path, "codegen", "com.shop.orders@OrderCreated@1", "--lang", "python",
        "--layout", "flat", "--out", str(tmp_path), "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["com_shop_orders_ordercreated.py"]
    assert '"com.shop.orders@OrderCreated" version 1' in (
        (tmp_path / "com_shop_orders_ordercreated.py").read_text()
    )


def test_unknown_schema_is_a_one_line_error(registry_path, tmp_path) -> None:
    result = run_cli(registry_path, "codegen", "no.such@Thing", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "No schema named 'no.such@Thing'" in result.stderr
    assert "Traceback" not in result.stderr


def test_from_openapi_file_in_both_languages(tmp_path) -> None:
    spec = tmp_path / "shipped.json"
    spec.write_text(json.dumps(OPENAPI))
    registry = tmp_path / "unused.db"
    out = tmp_path / "out"
    for language in ("python", "typescript"):
        result = run_cli(
            registry, "codegen", "--from", str(spec), "--lang", language, "--out", str(out)
        )
        assert result.returncode == 0, result.stderr
    package = out / "schema" / "com" / "shop" / "shipping" / "ordershipped"
    script = (
        "import json, sys\n"
        "from schema.com.shop.shipping.ordershipped import OrderShipped, from_json, to_json\n"
        "event = from_json(sys.argv[1])\n"
        "assert isinstance(event.detail, OrderShipped)\n"
        "print(to_json(event))\n"
    )
    python = subprocess.run(
        [sys.executable, "-c", script, json.dumps(SHIPPED)],
        cwd=out, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert python.returncode == 0, python.stderr
    assert json.loads(python.stdout) == SHIPPED
    assert "parcels: list[Parcel] | None = None" in (package / "__init__.py").read_text()
    source = (package / "index.ts").read_text()
    assert "  carrier?: string | null;\n" in source
    assert "  parcels?: Array<Parcel>;\n" in source
    tsc = require_tool("tsc")
    checked = subprocess.run([tsc, "--strict", "--noEmit", str(package / "index.ts")],
                             capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stdout


def test_unreadable_from_file_is_reported(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run_cli(tmp_path / "r.db", "codegen", "--from", str(bad), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "bad.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_and_typescript_share_one_folder_and_both_check_clean(
    registry_path, tmp_path
) -> None:
    # The README's tour writes both languages into the same --out bindings.
    out = tmp_path / "bindings"
    for language in ("python", "typescript"):
        made = run_cli(registry_path, "codegen", "--all", "--lang", language, "--out", str(out))
        assert made.returncode == 0, made.stderr
    assert any(out.rglob("*.py")) and any(out.rglob("*.ts"))
    for language in ("python", "typescript"):
        args = ("codegen", "--all", "--lang", language, "--out", str(out), "--check")
        checked = run_cli(registry_path, *args)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "Up to date" in checked.stdout
        assert "no longer in the registry" not in checked.stderr
