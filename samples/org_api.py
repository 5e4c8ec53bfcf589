"""Zoho Analytics API: calls about one organisation (OrgAPI).

Shows the plan and resource usage, the users and admins, the custom roles and the
AutoML analyses of an organisation. It only reads. Set ZOHO_CLIENT_ID,
ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN, ZOHO_ORG_ID and ZOHO_WORKSPACE_ID to run it
against your account; without credentials it runs against the local sandbox.

    python samples/org_api.py
"""

import os

from _sample_setup import analytics_client

CLIENT_ID = os.environ.get("ZOHO_CLIENT_ID")
CLIENT_SECRET = os.environ.get("ZOHO_CLIENT_SECRET")
REFRESH_TOKEN = os.environ.get("ZOHO_REFRESH_TOKEN")
ORG_ID = os.environ.get("ZOHO_ORG_ID")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID")


def get_subscription_details(org):
    subscription = org.get_subscription_details()
    print("Plan: %s" % subscription["planName"])


def get_resource_details(org):
    for resource in org.get_resource_details():
        usage = resource["resourceUsage"]
        print(
            "%s: %s of %s used"
            % (resource["resourceName"], usage["used"], usage["allocated"])
        )


def get_users(org):
    for user in org.get_users():
        print("User %s: %s" % (user["emailId"], user["role"]))


def get_admins(org):
    print("Admins: %s" % ", ".join(org.get_admins()))


def get_custom_roles(org):
    for role in org.get_custom_roles():
        print(
            "Role %s: %s (%s)" % (role["roleId"], role["roleName"], role["accessType"])
        )


def get_automl_analyses(org):
    for analysis in org.get_automl_analyses():
        print("AutoML analysis %s: %s" % (analysis["id"], analysis["name"]))


if __name__ == "__main__":
    with analytics_client(
        CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ORG_ID, WORKSPACE_ID
    ) as (ac, org_id, workspace_id):
        org = ac.get_org_instance(org_id)
        get_subscription_details(org)
        get_resource_details(org)
        get_users(org)
        get_admins(org)
        get_custom_roles(org)
        get_automl_analyses(org)
