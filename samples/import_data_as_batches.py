"""Import a large CSV file into a table in batches (BulkAPI.import_data_as_batches).

The file is read twice, never held in memory: once to find where its records
start and end, once to send BATCH_SIZE records a call, each batch headed by the
file's header line. Zoho takes at most 100 batches of at most 100 MB each.

    python samples/import_data_as_batches.py [file.csv]

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os
import sys

from _bulk_setup import DATA_FILE, run, show, wait_for_job

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "")

IMPORT_TYPE = "append"
AUTO_IDENTIFY = "true"
FILE_PATH = sys.argv[1] if len(sys.argv) > 1 else DATA_FILE
BATCH_SIZE = 5  # records a batch; a real import would send thousands


def import_data_as_batches(ac, org_id, workspace_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    job_id = bulk.import_data_as_batches(
        view_id, IMPORT_TYPE, AUTO_IDENTIFY, FILE_PATH, BATCH_SIZE
    )
    print("batch import job", job_id)
    show(wait_for_job(bulk.get_import_job_details, job_id))


if __name__ == "__main__":
    run(
        import_data_as_batches,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        view_id=VIEW_ID,
    )
