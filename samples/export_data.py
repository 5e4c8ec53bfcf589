"""Export a view's data to a file with BulkAPI.export_data.

The file is written under a temporary name and renamed when every byte has
arrived, so FILE_PATH never holds half an export.

    python samples/export_data.py [file]

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os
import sys
import tempfile

from _bulk_setup import run

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "")

RESPONSE_FORMAT = "csv"  # csv, json, xml, xls, pdf, html, image
FILE_PATH = (
    sys.argv[1]
    if len(sys.argv) > 1
    else os.path.join(tempfile.gettempdir(), "sales_export.csv")
)


def export_data(ac, org_id, workspace_id, view_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    bulk.export_data(view_id, RESPONSE_FORMAT, FILE_PATH)
    print("exported %d bytes to %s" % (os.path.getsize(FILE_PATH), FILE_PATH))


if __name__ == "__main__":
    run(
        export_data,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        view_id=VIEW_ID,
    )
