"""Look at an export job's status with BulkAPI.get_export_job_details.

Without ZOHO_EXPORT_JOB_ID the sample first starts an export of ZOHO_VIEW_ID.

    python samples/get_export_job_details.py

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import run, show

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
EXPORT_JOB_ID = os.environ.get("ZOHO_EXPORT_JOB_ID")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "" if EXPORT_JOB_ID is None else None)


def get_export_job_details(ac, org_id, workspace_id, export_job_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    if export_job_id is None:
        export_job_id = bulk.initiate_bulk_export(view_id, "csv")
    show(bulk.get_export_job_details(export_job_id))


if __name__ == "__main__":
    run(
        get_export_job_details,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        export_job_id=EXPORT_JOB_ID,
        view_id=VIEW_ID,
    )
