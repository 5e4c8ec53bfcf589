"""The BulkAPI and ViewAPI samples run end to end against the local sandbox."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

pytest.importorskip("sandbox")

SAMPLES = [
    "import_data.py",
    "import_data_in_new_table.py",
    "import_raw_data.py",
    "import_raw_data_in_new_table.py",
    "import_bulk_data.py",
    "import_bulk_data_in_new_table.py",
    "import_data_as_batches.py",
    "import_data_in_new_table_as_batches.py",
    "export_data.py",
    "initiate_bulk_export.py",
    "initiate_bulk_export_using_sql.py",
    "get_export_job_details.py",
    "export_bulk_data.py",
    "view_api.py",
]
WRITES_FILE = ("export_data.py", "export_bulk_data.py")  # to the path they are given


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_runs_on_the_sandbox(sample, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZOHO_")}
    args = [str(tmp_path / "export.csv")] if sample in WRITES_FILE else []
    done = subprocess.run(
        [sys.executable, os.path.join(ROOT, "samples", sample)] + args,
        cwd=str(tmp_path),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "running against the local sandbox" in lines[0]
    assert done.stdout
    assert os.listdir(str(tmp_path)) in ([], ["export.csv"])
