"""What the BulkAPI and ViewAPI samples share: where to connect, how to show results.

A sample keeps its credentials and ids as variables at its top, read from the
environment, and hands them to run():

- ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN set: the sample talks
  to Zoho Analytics (ZOHO_DATA_CENTRE picks the data centre: us, eu, in, au, ...).
  It then needs ZOHO_ORG_ID, ZOHO_WORKSPACE_ID and the ids it names (an id given
  as "" is needed, None is optional).
- Not set: the sample starts the local sandbox (samples/sandbox.py), which answers
  like Zoho does, and says so in one line on stderr.
"""

import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # AnalyticsClient.py is one folder up

from AnalyticsClient import AnalyticsClient, AnalyticsError  # noqa: E402

DATA_FILE = os.path.join(HERE, "data", "sales.csv")
SANDBOX_VIEW_ID = "1767024000003145011"  # any numeric id names a sandbox table
DONE, FAILED = "1004", "1003"  # job codes of a finished and a failed job

poll_seconds = 5.0  # between two looks at a job's status; shorter on the sandbox


def run(sample, client_id, client_secret, refresh_token, org_id, workspace_id, **ids):
    """Call sample(client, org_id, workspace_id, **ids); exit 1 on an error."""
    try:
        if client_id and client_secret and refresh_token:
            _check_ids(dict(org_id=org_id, workspace_id=workspace_id, **ids))
            data_centre = os.environ.get("ZOHO_DATA_CENTRE") or None
            client = AnalyticsClient(
                client_id, client_secret, refresh_token, data_centre=data_centre
            )
            with client:
                sample(client, org_id, workspace_id, **ids)
        else:
            _run_on_sandbox(sample, ids)
    except (AnalyticsError, ValueError, OSError) as error:
        sys.exit("Error: %s" % error)


def _check_ids(ids):
    missing = ["ZOHO_" + name.upper() for name, value in ids.items() if value == ""]
    if missing:
        sys.exit("Set %s as well to run this sample on Zoho." % ", ".join(missing))


def _run_on_sandbox(sample, ids):
    global poll_seconds
    from sandbox import Sandbox

    with Sandbox() as sandbox:
        print(
            "ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET or ZOHO_REFRESH_TOKEN is not set: "
            "running against the local sandbox at %s" % sandbox.url,
            file=sys.stderr,
        )
        poll_seconds = 0.1
        client = AnalyticsClient(
            Sandbox.CLIENT_ID, Sandbox.CLIENT_SECRET, Sandbox.REFRESH_TOKEN
        )
        client.accounts_server_url = client.analytics_server_url = sandbox.url
        sandbox_ids = {name: None for name in ids}
        if "view_id" in ids:
            sandbox_ids["view_id"] = SANDBOX_VIEW_ID
        with client:
            sample(client, Sandbox.ORG_ID, Sandbox.WORKSPACE_ID, **sandbox_ids)


def wait_for_job(get_details, job_id, limit=600.0):
    """Look at a job until it is done; return its details (raise if it failed)."""
    deadline = time.monotonic() + limit
    while True:
        details = get_details(job_id)
        if details.get("jobCode") == DONE:
            return details
        if details.get("jobCode") == FAILED:
            raise ValueError("job %s failed: %s" % (job_id, json.dumps(details)))
        if time.monotonic() > deadline:
            raise ValueError("job %s is not done after %g s" % (job_id, limit))
        print("job %s: %s" % (job_id, details.get("jobStatus")))
        time.sleep(poll_seconds)


def show(result):
    """Print a result the way Zoho's answers look: indented JSON."""
    print(json.dumps(result, indent=2, ensure_ascii=False))
