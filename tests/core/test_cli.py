"""The `palaute` command line, run as a real child process the way a user or a script runs it."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest

from desktop import __version__
from desktop.export import FIELDS

JSON_KEYS = set(FIELDS)


def capture(cli, text="Customer asks for instant payments", *extra):
    result = cli("capture", text, "--community", "payments", *extra)
    assert result.returncode == 0, result.stderr
    return result


def test_version(cli):
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Palaute {__version__}"


def test_capture_with_every_option_then_list_json(cli):
    result = cli(
        "capture",
        "Wants Apple Pay for business cards",
        "--community",
        "cards",
        "--area",
        "Cards",
        "--customer",
        "CASE-12",
        "--impact",
        "high",
        "--tag",
        "wallet",
        "-t",
        "business",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    saved = json.loads(result.stdout)[0]
    listed = json.loads(cli("list", "--json").stdout)
    assert listed == [saved]
    assert set(saved) == JSON_KEYS
    assert (saved["community"], saved["product_area"], saved["customer_ref"], saved["impact"], saved["tags"]) == (
        "cards",
        "cards",
        "CASE-12",
        "high",
        ["wallet", "business"],
    )


def test_capture_reads_standard_input(cli):
    text = "Rivi yksi\nRivi kaksi – ääkköset 🙂\n"
    assert cli("capture", "-", "-c", "payments", stdin=text).returncode == 0
    assert json.loads(cli("list", "--json").stdout)[0]["text"] == text


def test_plain_list_and_empty_list(cli):
    assert "No insights yet" in cli("list").stdout
    capture(cli)
    out = cli("list").stdout
    assert "payments" in out and "Customer asks for instant payments" in out


def test_search_human_and_json(cli):
    capture(cli, "Login with BankID fails on Android")
    capture(cli, "Statement PDF is missing the IBAN")
    found = json.loads(cli("search", "bankid", "--json").stdout)
    assert [i["text"] for i in found] == ["Login with BankID fails on Android"]
    assert "No insight matches" in cli("search", "nothing-like-this").stdout


def test_export_csv_and_json(cli, tmp_path):
    capture(cli, '=HYPERLINK("http://evil") formula text')
    capture(cli, 'Plain, with "quotes" and\nnewline')
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert len(rows) == 2 and set(rows[0]) == JSON_KEYS
    texts = {r["text"] for r in rows}
    assert '\'=HYPERLINK("http://evil") formula text' in texts  # not run as a spreadsheet formula
    assert 'Plain, with "quotes" and\nnewline' in texts
    out = tmp_path / "all.json"
    result = cli("export", "--format", "json", "--output", str(out))
    assert result.returncode == 0 and "Exported 2 insights" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("capture", "   ", "-c", "payments"), 2, "The insight is empty"),
        (("capture", "text"), 2, "Say which community"),
        (("capture", "text", "-c", "nope"), 2, "There is no community called “nope”"),
        (("capture", "text", "-c", "payments", "--impact", "urgent"), 2, "is not an impact"),
        (("capture", "x" * 20_001, "-c", "payments"), 2, "the limit is 20,000"),
        (("capture", "text", "-c", "payments", "--area", "spaceships"), 2, "no product area called"),
        (("search", "  "), 2, "Type a word to search for"),
        (("list", "--community", "zz"), 2, "There is no community called “zz”"),
    ],
)
def test_errors_are_sentences_on_stderr_with_an_exit_code(cli, args, code, message):
    result = cli(*args)
    assert result.returncode == code
    assert result.stderr.startswith("palaute: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(cli("list", "--json").stdout) == []  # nothing stored half-way


def test_export_to_an_unwritable_path_says_so(cli, tmp_path):
    result = cli("export", "--output", str(tmp_path / "missing-folder" / "out.csv"))
    assert result.returncode == 1 and "Could not write" in result.stderr


def test_a_damaged_database_is_reported_with_where_the_old_file_went(cli, data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "palaute.db").write_bytes(b"\x00garbage" * 1000)
    result = cli("list")
    assert result.returncode == 0
    assert "damaged" in result.stderr and str(data_dir / "palaute.db.damaged-") in result.stderr


NEEDS_NAMESPACES = pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")


def _in_private_mount(script: str, data_dir) -> subprocess.CompletedProcess[str]:
    """Run a shell script as root of a private user+mount namespace, so it can mount a tiny tmpfs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        ["unshare", "-Urm", "sh", "-euc", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "DATA": str(data_dir),
            "PATH": "/usr/bin:/bin",
            "PY": __import__("sys").executable,
            "PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parents[2]),
        },
    )


@NEEDS_NAMESPACES
def test_a_full_disk_gives_a_clear_error_and_prints_the_text_back(data_dir):
    script = r"""
        mount -t tmpfs -o size=1m tmpfs "$DATA"
        export PALAUTE_DATA_DIR="$DATA"
        "$PY" -m desktop capture "first, fits" -c payments >/dev/null
        dd if=/dev/zero of="$DATA/filler" bs=4k 2>/dev/null || true
        set +e
        "$PY" -m desktop capture "Tärkeä: $(head -c 6000 /dev/zero | tr '\0' 'x')" -c payments
        echo "rc=$?"
        rm "$DATA/filler"
        "$PY" -m desktop list --json
    """
    result = _in_private_mount(script, data_dir)
    assert "rc=3" in result.stdout, result.stderr
    assert "the disk is full" in result.stderr
    assert "was NOT saved" in result.stderr and "Tärkeä: xxxx" in result.stderr  # the text comes back
    listed = json.loads(result.stdout[result.stdout.index("[") :])
    assert [i["text"] for i in listed] == ["first, fits"]  # nothing half-written


@NEEDS_NAMESPACES
def test_a_read_only_data_folder_gives_a_clear_error(data_dir):
    script = r"""
        export PALAUTE_DATA_DIR="$DATA"
        "$PY" -m desktop capture "before" -c payments >/dev/null
        mount --bind "$DATA" "$DATA" && mount -o remount,bind,ro "$DATA"
        set +e
        "$PY" -m desktop capture "after, read-only" -c payments
        echo "rc=$?"
    """
    result = _in_private_mount(script, data_dir)
    assert "rc=3" in result.stdout, result.stderr
    assert "cannot write to its data folder" in result.stderr and "after, read-only" in result.stderr
