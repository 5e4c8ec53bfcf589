"""Get Import Job Details: the status and summary of an asynchronous import job.

Set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN to run it against
your Zoho account (ids from the command line or ZOHO_ORG_ID, ZOHO_WORKSPACE_ID,
ZOHO_JOB_ID). Without credentials it starts the local sandbox and runs there.

    python samples/get_import_job_details.py [ORG_ID WORKSPACE_ID JOB_ID]
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from AnalyticsClient import AnalyticsClient, AnalyticsError  # noqa: E402

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "55522777")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "35130000001055707")
JOB_ID = os.environ.get("ZOHO_JOB_ID", "1767024000003153087")


class Sample:
    def __init__(self, ac):
        self.ac = ac

    def get_import_job_details(self, org_id, workspace_id, job_id):
        bulk = self.ac.get_bulk_instance(org_id, workspace_id)
        result = bulk.get_import_job_details(job_id)
        print("Job %s: %s (code %s)" % (result["jobId"], result["jobStatus"], result["jobCode"]))
        summary = result.get("jobInfo", {}).get("importSummary")
        if summary:
            print("Import summary:")
            print(json.dumps(summary, indent=2))
        errors = result.get("jobInfo", {}).get("importErrors")
        if errors:
            print("Import errors: %s" % errors)
        return result


def run(ac, org_id, workspace_id, job_id):
    try:
        Sample(ac).get_import_job_details(org_id, workspace_id, job_id)
    except (AnalyticsError, ValueError) as error:
        print("Error: %s" % error, file=sys.stderr)
        return 1
    return 0


def main(argv):
    org_id, workspace_id, job_id = (argv + [ORG_ID, WORKSPACE_ID, JOB_ID][len(argv):])[:3]
    if CLIENT_ID and CLIENT_SECRET and REFRESH_TOKEN:
        ac = AnalyticsClient(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
        return run(ac, org_id, workspace_id, job_id)

    from sandbox import Sandbox

    with Sandbox() as sandbox:
        print("No ZOHO_CLIENT_ID/ZOHO_CLIENT_SECRET/ZOHO_REFRESH_TOKEN set: running "
              "against the local sandbox at %s" % sandbox.url, file=sys.stderr)
        ac = AnalyticsClient(sandbox.CLIENT_ID, sandbox.CLIENT_SECRET, sandbox.REFRESH_TOKEN)
        ac.accounts_server_url = ac.analytics_server_url = sandbox.url
        return run(ac, org_id, workspace_id, job_id)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
