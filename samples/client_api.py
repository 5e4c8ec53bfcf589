"""Zoho Analytics API: calls that need no organisation (AnalyticsClient).

Lists organisations, workspaces, recent views and dashboards, then shows one
workspace and one view. Set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN,
ZOHO_ORG_ID and ZOHO_WORKSPACE_ID to run it against your account; without
credentials it runs against the local sandbox.

    python samples/client_api.py
"""

import os

from _sample_setup import analytics_client

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN")
ORG_ID = os.environ.get("ZOHO_ORG_ID")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID")


def get_orgs(ac):
    for org in ac.get_orgs():
        print("Organisation %s: %s (%s)" % (org["orgId"], org["orgName"], org["role"]))


def get_workspaces(ac):
    workspaces = ac.get_workspaces()
    print("Owned workspaces: %d" % len(workspaces["ownedWorkspaces"]))
    print("Shared workspaces: %d" % len(workspaces["sharedWorkspaces"]))


def get_recent_views(ac):
    views = ac.get_recent_views()
    for view in views:
        print(
            "Recent view %s: %s (%s)"
            % (view["viewId"], view["viewName"], view["viewType"])
        )
    return views


def get_dashboards(ac):
    for dashboard in ac.get_owned_dashboards():
        print("Dashboard %s: %s" % (dashboard["viewId"], dashboard["viewName"]))


def get_workspace_details(ac, workspace_id):
    workspace = ac.get_workspace_details(workspace_id)
    print("Workspace %s: %s" % (workspace["workspaceId"], workspace["workspaceName"]))


def get_view_details(ac, view_id):
    view = ac.get_view_details(view_id)
    print(
        "View %s: %s in workspace %s"
        % (view["viewId"], view["viewName"], view["workspaceId"])
    )


if __name__ == "__main__":
    with analytics_client(
        CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ORG_ID, WORKSPACE_ID
    ) as (ac, org_id, workspace_id):
        get_orgs(ac)
        get_workspaces(ac)
        recent = get_recent_views(ac)
        get_dashboards(ac)
        get_workspace_details(ac, workspace_id)
        if recent:
            get_view_details(ac, recent[0]["viewId"])
