"""Export a view through an export job and download it (BulkAPI.export_bulk_data).

The sample starts the job (initiate_bulk_export), waits until Zoho has made the
file (get_export_job_details), then downloads it to FILE_PATH; with
ZOHO_EXPORT_JOB_ID set it downloads that job's data instead.

    python samples/export_bulk_data.py [file]

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os
import sys
import tempfile

from _bulk_setup import run, wait_for_job

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
EXPORT_JOB_ID = os.environ.get("ZOHO_EXPORT_JOB_ID")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "" if EXPORT_JOB_ID is None else None)

RESPONSE_FORMAT = "csv"
FILE_PATH = (
    sys.argv[1]
    if len(sys.argv) > 1
    else os.path.join(tempfile.gettempdir(), "sales_bulk_export.csv")
)


def export_bulk_data(ac, org_id, workspace_id, export_job_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    if export_job_id is None:
        export_job_id = bulk.initiate_bulk_export(view_id, RESPONSE_FORMAT)
        print("export job", export_job_id)
    wait_for_job(bulk.get_export_job_details, export_job_id)
    bulk.export_bulk_data(export_job_id, FILE_PATH)
    print("downloaded %d bytes to %s" % (os.path.getsize(FILE_PATH), FILE_PATH))


if __name__ == "__main__":
    run(
        export_bulk_data,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        export_job_id=EXPORT_JOB_ID,
        view_id=VIEW_ID,
    )
