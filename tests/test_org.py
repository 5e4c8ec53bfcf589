"""OrgAPI: every call replayed from a cassette built from Zoho's documented answer."""

import pytest

from conftest import ORG_ID
from example_ids import EMAILS, ROLE_ID
from replay import played

PERMISSIONS = {
    "dataPermissions": {"addRow": True, "modifyRow": True},
    "interactionPermissions": {"read": True, "drillDown": True},
}


@pytest.fixture
def org(zoho):
    return zoho.get_org_instance(ORG_ID)


@pytest.mark.vcr
def test_create_workspace_config(org, vcr):
    config = {"workspaceDesc": "Regional sales"}

    workspace_id = org.create_workspace("Sales", config)

    expected = {"workspaceDesc": "Regional sales", "workspaceName": "Sales"}
    assert workspace_id == int(played(vcr, expected)["workspaceId"])
    assert config == {"workspaceDesc": "Regional sales"}


@pytest.mark.vcr
def test_get_admins_example(org, vcr):
    admins = org.get_admins()

    assert admins == played(vcr)["orgAdmins"]


@pytest.mark.vcr
def test_get_users_example(org, vcr):
    users = org.get_users()

    assert users == played(vcr)["users"]


@pytest.mark.vcr
def test_add_users_config(org, vcr):
    assert org.add_users(EMAILS, {"role": "VIEWER"}) is None
    played(vcr, {"role": "VIEWER", "emailIds": EMAILS})


@pytest.mark.vcr
def test_remove_users_example(org, vcr):
    assert org.remove_users(EMAILS) is None
    played(vcr, {"emailIds": EMAILS})


@pytest.mark.vcr
def test_activate_users_example(org, vcr):
    assert org.activate_users(EMAILS) is None
    played(vcr, {"emailIds": EMAILS})


@pytest.mark.vcr
def test_deactivate_users_example(org, vcr):
    assert org.deactivate_users(EMAILS) is None
    played(vcr, {"emailIds": EMAILS})


@pytest.mark.vcr
def test_change_user_role_example(org, vcr):
    assert org.change_user_role(EMAILS, "ORGADMIN") is None
    played(vcr, {"emailIds": EMAILS, "role": "ORGADMIN"})


@pytest.mark.vcr
def test_get_subscription_details_example(org, vcr):
    subscription = org.get_subscription_details()

    assert subscription == played(vcr)["subscription"]


@pytest.mark.vcr
def test_get_resource_details_example(org, vcr):
    resources = org.get_resource_details()

    assert resources == played(vcr)["resourceDetails"]


@pytest.mark.vcr
def test_get_meta_details_example(org, vcr):
    details = org.get_meta_details("Account details", "Accounts")

    expected = {"workspaceName": "Account details", "viewName": "Accounts"}
    assert details == played(vcr, expected)


@pytest.mark.vcr
def test_get_custom_roles_example(org, vcr):
    roles = org.get_custom_roles()

    assert roles == played(vcr)["roles"]
    assert roles[0]["accessType"] == "ALL_DASHBOARDS"


@pytest.mark.vcr
def test_create_custom_role_example(org, vcr):
    role_id = org.create_custom_role(
        "Sales Analyst", "ALL_REPORTS_AND_DASHBOARDS", PERMISSIONS
    )

    expected = {
        "roleName": "Sales Analyst",
        "accessType": "ALL_REPORTS_AND_DASHBOARDS",
        "permissions": PERMISSIONS,
    }
    assert role_id == played(vcr, expected)["roleId"] == "3513000000001001"


@pytest.mark.vcr
def test_update_custom_role_example(org, vcr):
    assert org.update_custom_role(ROLE_ID, "ALL_DASHBOARDS", PERMISSIONS) is None
    played(vcr, {"accessType": "ALL_DASHBOARDS", "permissions": PERMISSIONS})


@pytest.mark.vcr
def test_delete_custom_role_example(org, vcr):
    assert org.deleteCustomRole(int(ROLE_ID)) is None
    played(vcr)


@pytest.mark.vcr
def test_get_automl_analyses_example(org, vcr):
    analyses = org.get_automl_analyses()

    assert analyses == played(vcr)["analysis"]
    assert analyses[0]["workspaceName"] == "AML Analysis"
