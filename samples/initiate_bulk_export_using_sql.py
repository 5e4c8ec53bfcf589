"""Start an export job of an SQL query's result (initiate_bulk_export_using_sql).

    python samples/initiate_bulk_export_using_sql.py

SQL_QUERY reads a table named Sales; change it to one of your workspace's tables.

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os

from _bulk_setup import run

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")

SQL_QUERY = 'select "Region", sum("Sales") from "Sales" group by "Region"'
RESPONSE_FORMAT = "csv"


def initiate_bulk_export_using_sql(ac, org_id, workspace_id):
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    job_id = bulk.initiate_bulk_export_using_sql(SQL_QUERY, RESPONSE_FORMAT)
    print("export job", job_id)


if __name__ == "__main__":
    run(
        initiate_bulk_export_using_sql,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
    )
