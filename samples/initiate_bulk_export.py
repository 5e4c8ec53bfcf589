"""Start an export job of a view's data with BulkAPI.initiate_bulk_export.

The call returns a job id; get_export_job_details.py and export_bulk_data.py
show how to follow the job and download its data.

    python samples/initiate_bulk_export.py

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import run

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "")

RESPONSE_FORMAT = "csv"


def initiate_bulk_export(ac, org_id, workspace_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    job_id = bulk.initiate_bulk_export(view_id, RESPONSE_FORMAT)
    print("export job", job_id)


if __name__ == "__main__":
    run(
        initiate_bulk_export,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        view_id=VIEW_ID,
    )
