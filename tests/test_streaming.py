"""Config isolation across calls and threads, and memory that stays flat for big files."""

import json
import os
import subprocess
import sys
import threading

import pytest

import AnalyticsClient as M
from conftest import ROOT

BIG = 200 * 1024 * 1024
MAX_GROWTH = 20 * 1024 * 1024


def config_of(request):
    return json.loads(request.query["CONFIG"])


def test_import_data_leaves_a_shared_config_unchanged(client, sandbox, tmp_path):
    data = tmp_path / "sales.csv"
    data.write_bytes(b"Region,Sales\nEast,10\n")
    shared = {"onError": "setcolumnempty"}
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)

    bulk.import_data(1767024000003153002, "append", "csv", "true", str(data), shared)
    bulk.import_data(1767024000003153002, "truncateadd", "csv", "false", str(data), shared)

    assert shared == {"onError": "setcolumnempty"}
    sent = [config_of(r) for r in sandbox.requests if r.path.endswith("/data")]
    assert sent[0]["importType"] == "append" and sent[1]["importType"] == "truncateadd"
    assert sent[1]["autoIdentify"] == "false"


def test_delete_row_from_eight_threads_sends_each_criteria(client, sandbox):
    view = client.get_view_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID, 1767024000003153002)
    shared = {}
    errors = []

    def delete(number):
        try:
            view.delete_row("\"Sales\".\"Id\" = %d" % number, shared)
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=delete, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == [] and shared == {}
    sent = sorted(config_of(r)["criteria"] for r in sandbox.requests if r.path.endswith("/rows"))
    assert sent == ["\"Sales\".\"Id\" = %d" % n for n in range(8)]


CHILD = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
import AnalyticsClient as M

def kib(field):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024

url, transport, action, path = sys.argv[2:6]
ac = M.AnalyticsClient("1000.SANDBOXCLIENT", "sandbox-secret", "1000.sandbox-refresh",
                       transport=transport)
ac.accounts_server_url = ac.analytics_server_url = url
bulk = ac.get_bulk_instance("55522777", "35130000001055707")
small = path + ".small"
with open(small, "wb") as handle:
    handle.write(b"Region,Sales\nEast,1\n")
bulk.import_data("1767024000003153002", "append", "csv", "true", small)
bulk.export_data("1767024000003153002", "csv", small)
before = kib("VmRSS")
if action == "export":
    bulk.export_data("1767024000003153002", "csv", path)
else:
    bulk.import_data("1767024000003153002", "append", "csv", "true", path)
print(kib("VmHWM") - before, os.path.getsize(path))
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
@pytest.mark.parametrize("action", ["export", "import"])
def test_200_mb_transfer_keeps_memory_flat(sandbox, transport, tmp_path, action):
    path = str(tmp_path / "big.csv")
    if action == "export":
        sandbox.export_size = BIG
    else:
        with open(path, "wb") as handle:
            line = b"East,Laptop,1234.50\n" * 52429
            for _ in range(BIG // len(line)):
                handle.write(line)

    result = subprocess.run(
        [sys.executable, "-c", CHILD, ROOT, sandbox.url, transport, action, path],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    growth, size = map(int, result.stdout.split())
    assert size >= BIG - 2 * 1024 * 1024
    assert growth < MAX_GROWTH, "peak RSS grew %d bytes" % growth
    if action == "import":
        upload = [r for r in sandbox.requests if r.body_size > BIG // 2][0]
        assert upload.parts[0].size == size


def raw_import(client, sandbox, data):
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)
    return bulk.import_raw_data(1767024000003153002, "append", "json", "true", data)


def test_import_raw_data_small_travels_in_the_url_as_zoho_sends_it(client, sandbox):
    rows = [{"Region": "East", "Sales": 10}]

    raw_import(client, sandbox, rows)

    call = [r for r in sandbox.requests if r.path.endswith("/data")][0]
    assert json.loads(call.query["DATA"]) == rows
    assert call.body_size == 0


def test_import_raw_data_too_long_for_a_url_goes_in_the_body(client, sandbox):
    rows = [{"Region": "East %d" % n, "Sales": n} for n in range(2000)]

    raw_import(client, sandbox, rows)

    call = [r for r in sandbox.requests if r.path.endswith("/data")][0]
    assert "DATA" not in call.query and json.loads(call.query["CONFIG"])["fileType"] == "json"
    assert call.headers["content-type"].startswith("multipart/form-data")
    [part] = call.parts
    assert part.name == "DATA" and part.filename is None
    assert json.loads(part.data.decode("utf-8")) == rows
