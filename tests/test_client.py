"""AnalyticsClient's own calls (no organisation header), replayed from cassettes."""

import pytest

from conftest import WORKSPACE_ID
from example_ids import VIEW_ID
from replay import played


@pytest.mark.vcr
def test_get_orgs_example(zoho, vcr):
    orgs = zoho.get_orgs()

    assert orgs == played(vcr)["orgs"]


@pytest.mark.vcr
def test_get_workspaces_example(zoho, vcr):
    workspaces = zoho.get_workspaces()

    assert workspaces == played(vcr)
    assert workspaces["ownedWorkspaces"][0]["workspaceName"] == "Zoho CRM Reports"


@pytest.mark.vcr
def test_get_owned_workspaces_example(zoho, vcr):
    workspaces = zoho.get_owned_workspaces()

    assert workspaces == played(vcr)["workspaces"]


@pytest.mark.vcr
def test_get_shared_workspaces_example(zoho, vcr):
    workspaces = zoho.get_shared_workspaces()

    assert workspaces == played(vcr)["workspaces"]


@pytest.mark.vcr
def test_get_recent_views_example(zoho, vcr):
    views = zoho.get_recent_views()

    assert views == played(vcr)["views"]


@pytest.mark.vcr
def test_get_dashboards_example(zoho, vcr):
    dashboards = zoho.get_dashboards()

    assert dashboards == played(vcr)
    assert dashboards["ownedViews"][0]["viewType"] == "Dashboard"


@pytest.mark.vcr
def test_get_owned_dashboards_example(zoho, vcr):
    dashboards = zoho.get_owned_dashboards()

    assert dashboards == played(vcr)["views"]


@pytest.mark.vcr
def test_get_shared_dashboards_example(zoho, vcr):
    dashboards = zoho.get_shared_dashboards()

    assert dashboards == played(vcr)["views"]


@pytest.mark.vcr
def test_get_workspace_details_example(zoho, vcr):
    details = zoho.get_workspace_details(int(WORKSPACE_ID))

    assert details == played(vcr)["workspaces"]


@pytest.mark.vcr
def test_get_view_details_config(zoho, vcr):
    config = {"withInvolvedMetaInfo": True}

    details = zoho.getViewDetails(VIEW_ID, config)

    assert details == played(vcr, {"withInvolvedMetaInfo": True})["views"]
    assert config == {"withInvolvedMetaInfo": True}
