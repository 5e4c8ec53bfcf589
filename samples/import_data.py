"""Import a CSV file into an existing table with BulkAPI.import_data.

    python samples/import_data.py

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import DATA_FILE, run, show

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "")

IMPORT_TYPE = "append"  # append, truncateadd or updateadd
FILE_TYPE = "csv"
AUTO_IDENTIFY = "true"
FILE_PATH = DATA_FILE


def import_data(ac, org_id, workspace_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    result = bulk.import_data(view_id, IMPORT_TYPE, FILE_TYPE, AUTO_IDENTIFY, FILE_PATH)
    show(result)


if __name__ == "__main__":
    run(
        import_data,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        view_id=VIEW_ID,
    )
