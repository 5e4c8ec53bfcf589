"""A tour of ViewAPI: what a table is made of, then changes to it.

The first part only reads: columns and their types, formulas, tags, data
sources, links, permissions. With --write (always on the sandbox) the sample
then changes the table and undoes its changes: adds a column, a formula column
and a row, sorts and reorders, and deletes what it added.

    python samples/view_api.py [--write]

Runs on Zoho when the ZOHO_ variables below are set, else on the local sandbox.
"""

import os
import sys

from _bulk_setup import run, show

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET", "")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN", "")

ORG_ID = os.environ.get("ZOHO_ORG_ID", "")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "")
VIEW_ID = os.environ.get("ZOHO_VIEW_ID", "")

WRITE = "--write" in sys.argv[1:] or not (CLIENT_ID and CLIENT_SECRET and REFRESH_TOKEN)
NEW_COLUMN = "Sample Note"
ROW = {"Region": "East", "Product": "Sample chair", "Sales": "10"}
CRITERIA = "\"Product\"='Sample chair'"


def read_view(view):
    columns = view.get_table_metadata()
    print("columns:", ", ".join(c["columnName"] for c in columns))
    print("formula columns:", view.get_formula_columns())
    print("aggregate formulas:", view.get_aggregate_formulas())
    print("tags:", [tag["name"] for tag in view.get_view_tags()])
    print("data sources:", [s["datasourceName"] for s in view.get_datasources()])
    print("views built on it:", [v["viewName"] for v in view.get_view_dependents()])
    print("last import:")
    show(view.get_last_import_details())
    print("my permissions:", view.get_my_permissions())
    print("view URL:", view.get_view_url())
    return columns


def change_view(view, columns):
    column_id = view.add_column(NEW_COLUMN, "PLAIN")
    print("added column", column_id)
    view.rename_column(column_id, NEW_COLUMN + " (renamed)")
    view.hide_columns([column_id])
    view.show_columns([column_id])

    formula_id = view.add_formula_column("Sample Margin", '"Sales" - "Cost"')
    print("added formula column", formula_id)
    view.edit_formula_column(formula_id, '("Sales" - "Cost") / "Sales"')

    print("added row:", view.add_row(ROW))
    print("updated rows:", view.update_row({"Sales": "12"}, CRITERIA))
    print("deleted rows:", view.delete_row(CRITERIA))

    column_ids = [c["columnId"] for c in columns]
    view.sort_data_by_columns(column_ids[:1], 1)
    view.reorder_columns(column_ids + [column_id])

    view.delete_formula_column(formula_id)
    view.delete_column(column_id)
    print("removed the sample column and formula again")


def view_api(ac, org_id, workspace_id, view_id):
    view = ac.get_view_instance(org_id, workspace_id, view_id)
    columns = read_view(view)
    if WRITE:
        change_view(view, columns)


if __name__ == "__main__":
    run(
        view_api,
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        ORG_ID,
        WORKSPACE_ID,
        view_id=VIEW_ID,
    )
