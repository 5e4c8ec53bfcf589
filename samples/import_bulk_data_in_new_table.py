"""Create a table from a file as a job (BulkAPI.import_bulk_data_in_new_table).

The call returns a job id at once; the sample then watches the job with
get_import_job_details until Zoho has created the table.

    python samples/import_bulk_data_in_new_table.py

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import DATA_FILE, run, show, wait_for_job

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")

TABLE_NAME = "Sales (sample bulk import)"
FILE_TYPE = "csv"
AUTO_IDENTIFY = "true"
FILE_PATH = DATA_FILE


def import_bulk_data_in_new_table(ac, org_id, workspace_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    job_id = bulk.import_bulk_data_in_new_table(
        TABLE_NAME, FILE_TYPE, AUTO_IDENTIFY, FILE_PATH
    )
    print("import job", job_id)
    show(wait_for_job(bulk.get_import_job_details, job_id))


if __name__ == "__main__":
    run(
        import_bulk_data_in_new_table,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
    )
