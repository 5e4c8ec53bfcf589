"""Import a file into an existing table as a job (BulkAPI.import_bulk_data).

The call returns a job id at once; the sample then watches the job with
get_import_job_details until Zoho has imported the file.

    python samples/import_bulk_data.py

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import DATA_FILE, run, show, wait_for_job

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "")

IMPORT_TYPE = "append"
FILE_TYPE = "csv"
AUTO_IDENTIFY = "true"
FILE_PATH = DATA_FILE


def import_bulk_data(ac, org_id, workspace_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    job_id = bulk.import_bulk_data(
        view_id, IMPORT_TYPE, FILE_TYPE, AUTO_IDENTIFY, FILE_PATH
    )
    print("import job", job_id)
    show(wait_for_job(bulk.get_import_job_details, job_id))


if __name__ == "__main__":
    run(
        import_bulk_data,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        view_id=VIEW_ID,
    )
