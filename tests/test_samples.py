"""The samples run as a newcomer runs them: as scripts, against the sandbox."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

SAMPLE = os.path.join(ROOT, "samples", "get_import_job_details.py")


def run_sample(*args, flags=(), env=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZOHO_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable] + list(flags) + [SAMPLE] + list(args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        env=environment,
        timeout=60,
        cwd=ROOT,
    )


@pytest.mark.parametrize("flags", [(), ("-S",)], ids=["plain", "stdlib-only"])
def test_get_import_job_details_sample_runs_on_the_sandbox(flags):
    result = run_sample(flags=flags)

    assert result.returncode == 0, result.stderr
    assert "Job 1767024000003153087: JOB COMPLETED (code 1004)" in result.stdout
    assert '"successRowCount": 755' in result.stdout
    assert result.stderr.count("\n") == 1 and "sandbox" in result.stderr


def test_get_import_job_details_sample_reports_a_missing_job():
    result = run_sample("55522777", "35130000001055707", "1767024000009999999")

    assert result.returncode == 1
    assert "8137" in result.stderr
    assert "Traceback" not in result.stderr
