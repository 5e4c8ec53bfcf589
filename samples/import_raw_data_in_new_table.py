"""Create a table from rows given in the program (import_raw_data_in_new_table).

    python samples/import_raw_data_in_new_table.py

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import run, show

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")

TABLE_NAME = "Regions (sample import)"
FILE_TYPE = "json"
AUTO_IDENTIFY = "true"
DATA = [
    {"Region": "East", "Manager": "Ada Lovelace"},
    {"Region": "West", "Manager": "Alan Turing"},
]


def import_raw_data_in_new_table(ac, org_id, workspace_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    result = bulk.import_raw_data_in_new_table(
        TABLE_NAME, FILE_TYPE, AUTO_IDENTIFY, DATA
    )
    show(result)


if __name__ == "__main__":
    run(
        import_raw_data_in_new_table,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
    )
