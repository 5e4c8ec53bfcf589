"""Zoho Analytics API: calls about one workspace (WorkspaceAPI).

Lists the folders, views, tags and AutoML analyses of a workspace, then creates a
folder and a tag, renames them and deletes them again, so the workspace is left
as it was. Set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN, ZOHO_ORG_ID
and ZOHO_WORKSPACE_ID to run it against your account; without credentials it runs
against the local sandbox.

    python samples/workspace_api.py
"""

import os

from _sample_setup import analytics_client

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN")
ORG_ID = os.environ.get("ZOHO_ORG_ID")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID")


def get_folders(workspace):
    for folder in workspace.get_folders():
        print("Folder %s: %s" % (folder["folderId"], folder["folderName"]))


def get_views(workspace):
    for view in workspace.get_views():
        print("View %s: %s (%s)" % (view["viewId"], view["viewName"], view["viewType"]))


def get_tags(workspace):
    for tag in workspace.get_tags():
        print("Tag %s: %s %s" % (tag["id"], tag["name"], tag["colorCode"]))


def get_automl_analyses(workspace):
    for analysis in workspace.get_automl_analyses():
        print("AutoML analysis %s: %s" % (analysis["id"], analysis["name"]))


def folder_round_trip(workspace):
    folder_id = workspace.create_folder(
        "API sample folder", {"folderDesc": "Made by a sample"}
    )
    print("Created folder %s" % folder_id)
    workspace.rename_folder(folder_id, "API sample folder (renamed)")
    workspace.delete_folder(folder_id)
    print("Renamed and deleted folder %s" % folder_id)


def tag_round_trip(workspace):
    tag_id = workspace.create_tag("API sample", "#1da043")
    print("Created tag %s" % tag_id)
    workspace.update_tag(tag_id, {"colorCode": "#55acee"})
    workspace.delete_tag(tag_id)
    print("Recoloured and deleted tag %s" % tag_id)


if __name__ == "__main__":
    with analytics_client(
        CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ORG_ID, WORKSPACE_ID
    ) as (ac, org_id, workspace_id):
        workspace = ac.get_workspace_instance(org_id, workspace_id)
        get_folders(workspace)
        get_views(workspace)
        get_tags(workspace)
        get_automl_analyses(workspace)
        folder_round_trip(workspace)
        tag_round_trip(workspace)
