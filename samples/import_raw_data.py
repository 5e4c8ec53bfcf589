"""Import rows given in the program into an existing table (BulkAPI.import_raw_data).

    python samples/import_raw_data.py

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import run, show

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "")

IMPORT_TYPE = "append"
FILE_TYPE = "json"
AUTO_IDENTIFY = "true"
DATA = [
    {"Date": "2024-02-01", "Region": "East", "Product": "Chair", "Sales": 120.5},
    {"Date": "2024-02-02", "Region": "West", "Product": "Desk", "Sales": 340},
]


def import_raw_data(ac, org_id, workspace_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    result = bulk.import_raw_data(view_id, IMPORT_TYPE, FILE_TYPE, AUTO_IDENTIFY, DATA)
    show(result)


if __name__ == "__main__":
    run(
        import_raw_data,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        view_id=VIEW_ID,
    )
