"""WorkspaceAPI: every call replayed from a cassette built from Zoho's documented answer."""

import pytest

from conftest import ORG_ID, WORKSPACE_ID
from example_ids import (
    ANALYSIS_ID,
    DATASOURCE_ID,
    DEPLOYMENT_ID,
    DEST_ORG_ID,
    DEST_WORKSPACE_ID,
    EMAILS,
    FOLDER_ID,
    FORMULA_ID,
    GROUP_ID,
    MODEL_ID,
    QUERY_TABLE_ID,
    REFERENCE_FOLDER_ID,
    SCHEDULE_ID,
    SLIDE_ID,
    TABLE_ID,
    TAG_ID,
    VARIABLE_ID,
    VIEW_ID,
    VIEW_IDS,
)
from replay import answer_body, played

SCHEDULE = {"calendarFrequency": "monthly", "hour": 9, "minute": 0}
AXES = [
    {"type": "xAxis", "columnName": "Region", "operation": "actual"},
    {"type": "yAxis", "columnName": "Sales", "operation": "sum"},
]


@pytest.fixture
def ws(zoho):
    return zoho.get_workspace_instance(ORG_ID, WORKSPACE_ID)


# The workspace itself


@pytest.mark.vcr
def test_copy_dest_org(ws, vcr):
    new_id = ws.copy("Sales copy", {"copyWithData": True}, dest_org_id=DEST_ORG_ID)

    expected = {"copyWithData": True, "newWorkspaceName": "Sales copy"}
    assert new_id == int(played(vcr, expected)["workspaceId"])


@pytest.mark.vcr
def test_rename_example(ws, vcr):
    assert ws.rename("Sales 2026") is None
    played(vcr, {"workspaceName": "Sales 2026"})


@pytest.mark.vcr
def test_delete_example(ws, vcr):
    assert ws.delete() is None
    played(vcr)


@pytest.mark.vcr
def test_get_secret_key_example(ws, vcr):
    key = ws.get_secret_key()

    assert key == played(vcr)["workspaceKey"]


@pytest.mark.vcr
def test_add_favorite_example(ws, vcr):
    assert ws.add_favorite() is None
    played(vcr)


@pytest.mark.vcr
def test_remove_favorite_example(ws, vcr):
    assert ws.remove_favorite() is None
    played(vcr)


@pytest.mark.vcr
def test_add_default_example(ws, vcr):
    assert ws.add_default() is None
    played(vcr)


@pytest.mark.vcr
def test_remove_default_example(ws, vcr):
    assert ws.remove_default() is None
    played(vcr)


@pytest.mark.vcr
def test_enable_domain_access_example(ws, vcr):
    assert ws.enable_domain_access() is None
    played(vcr)


@pytest.mark.vcr
def test_disable_domain_access_example(ws, vcr):
    assert ws.disable_domain_access() is None
    played(vcr)


@pytest.mark.vcr
def test_export_as_template_example(ws, vcr, tmp_path):
    target = tmp_path / "sales.zip"

    assert ws.export_as_template(VIEW_IDS, str(target)) is None

    played(vcr, {"viewIds": VIEW_IDS})
    assert target.read_bytes() == answer_body(vcr)


# Admins, users, sharing and groups


@pytest.mark.vcr
def test_get_admins_example(ws, vcr):
    admins = ws.get_admins()

    assert admins == played(vcr)["workspaceAdmins"]


@pytest.mark.vcr
def test_add_admins_config(ws, vcr):
    assert ws.add_admins(EMAILS, {"inviteMail": False}) is None
    played(vcr, {"inviteMail": False, "emailIds": EMAILS})


@pytest.mark.vcr
def test_remove_admins_example(ws, vcr):
    assert ws.remove_admins(EMAILS) is None
    played(vcr, {"emailIds": EMAILS})


@pytest.mark.vcr
def test_get_workspace_users_example(ws, vcr):
    users = ws.get_workspace_users()

    assert users == played(vcr)["users"]


@pytest.mark.vcr
def test_add_workspace_users_example(ws, vcr):
    assert ws.add_workspace_users(EMAILS, "USER") is None
    played(vcr, {"emailIds": EMAILS, "role": "USER"})


@pytest.mark.vcr
def test_remove_workspace_users_example(ws, vcr):
    assert ws.remove_workspace_users(EMAILS) is None
    played(vcr, {"emailIds": EMAILS})


@pytest.mark.vcr
def test_change_workspace_user_status_example(ws, vcr):
    assert ws.change_workspace_user_status(EMAILS, "deactivate") is None
    played(vcr, {"emailIds": EMAILS, "operation": "deactivate"})


@pytest.mark.vcr
def test_change_workspace_user_role_example(ws, vcr):
    assert ws.change_workspace_user_role(EMAILS, "WORKSPACEADMIN") is None
    played(vcr, {"emailIds": EMAILS, "role": "WORKSPACEADMIN"})


@pytest.mark.vcr
def test_get_share_info_example(ws, vcr):
    info = ws.get_share_info()

    assert info == played(vcr)


@pytest.mark.vcr
def test_share_views_example(ws, vcr):
    permissions = {"read": True, "export": True}

    assert ws.share_views(VIEW_IDS, EMAILS, permissions) is None

    played(vcr, {"viewIds": VIEW_IDS, "emailIds": EMAILS, "permissions": permissions})


@pytest.mark.vcr
def test_remove_share_example(ws, vcr):
    assert ws.remove_share(VIEW_IDS, EMAILS) is None
    played(vcr, {"emailIds": EMAILS, "viewIds": VIEW_IDS})


@pytest.mark.vcr
def test_get_shared_details_for_views_example(ws, vcr):
    details = ws.get_shared_details_for_views(VIEW_IDS)

    assert details == played(vcr, {"viewIds": VIEW_IDS})["sharedDetails"]


@pytest.mark.vcr
def test_get_groups_example(ws, vcr):
    groups = ws.get_groups()

    assert groups == played(vcr)["groups"]


@pytest.mark.vcr
def test_create_group_example(ws, vcr):
    group_id = ws.create_group("Sales team", EMAILS)

    expected = {"groupName": "Sales team", "emailIds": EMAILS}
    assert group_id == int(played(vcr, expected)["groupId"])


@pytest.mark.vcr
def test_get_group_details_example(ws, vcr):
    group = ws.get_group_details(int(GROUP_ID))

    assert group == played(vcr)["groups"]


@pytest.mark.vcr
def test_rename_group_example(ws, vcr):
    assert ws.rename_group(GROUP_ID, "Sales EMEA") is None
    played(vcr, {"groupName": "Sales EMEA"})


@pytest.mark.vcr
def test_delete_group_example(ws, vcr):
    assert ws.delete_group(GROUP_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_add_group_members_example(ws, vcr):
    assert ws.add_group_members(GROUP_ID, EMAILS) is None
    played(vcr, {"emailIds": EMAILS})


@pytest.mark.vcr
def test_remove_group_members_example(ws, vcr):
    assert ws.remove_group_members(GROUP_ID, EMAILS) is None
    played(vcr, {"emailIds": EMAILS})


# Folders, views and tables


@pytest.mark.vcr
def test_get_folders_example(ws, vcr):
    folders = ws.get_folders()

    assert folders == played(vcr)["folders"]


@pytest.mark.vcr
def test_create_folder_config(ws, vcr):
    config = {"folderDesc": "Quarterly reports"}

    folder_id = ws.create_folder("Q3", config)

    expected = {"folderDesc": "Quarterly reports", "folderName": "Q3"}
    assert folder_id == int(played(vcr, expected)["folderId"])
    assert config == {"folderDesc": "Quarterly reports"}


@pytest.mark.vcr
def test_rename_folder_example(ws, vcr):
    assert ws.rename_folder(FOLDER_ID, "Sales 2026") is None
    played(vcr, {"folderName": "Sales 2026"})


@pytest.mark.vcr
def test_delete_folder_example(ws, vcr):
    assert ws.delete_folder(int(FOLDER_ID)) is None
    played(vcr)


@pytest.mark.vcr
def test_make_default_folder_example(ws, vcr):
    assert ws.make_default_folder(FOLDER_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_change_folder_hierarchy_example(ws, vcr):
    assert ws.change_folder_hierarchy(FOLDER_ID, 0) is None
    played(vcr, {"hierarchy": 0})


@pytest.mark.vcr
def test_change_folder_position_example(ws, vcr):
    assert ws.change_folder_position(FOLDER_ID, REFERENCE_FOLDER_ID) is None
    played(vcr, {"referenceFolderId": REFERENCE_FOLDER_ID})


@pytest.mark.vcr
def test_move_views_to_folder_example(ws, vcr):
    assert ws.move_views_to_folder(FOLDER_ID, VIEW_IDS) is None
    played(vcr, {"folderId": FOLDER_ID, "viewIds": VIEW_IDS})


@pytest.mark.vcr
def test_get_views_example(ws, vcr):
    views = ws.get_views()

    assert views == played(vcr)["views"]


@pytest.mark.vcr
def test_copy_views_dest_org(ws, vcr):
    copies = ws.copy_views(
        VIEW_IDS, DEST_WORKSPACE_ID, {"copyWithData": True}, DEST_ORG_ID
    )

    expected = {
        "copyWithData": True,
        "viewIds": VIEW_IDS,
        "destWorkspaceId": DEST_WORKSPACE_ID,
    }
    assert copies == played(vcr, expected)["views"]


@pytest.mark.vcr
def test_create_table_example(ws, vcr):
    design = {
        "TABLENAME": "Sales",
        "TABLEDESCRIPTION": "Test",
        "COLUMNS": [
            {"COLUMNNAME": "Column1", "DATATYPE": "PLAIN"},
            {"COLUMNNAME": "Column2", "DATATYPE": "NUMBER"},
        ],
    }

    view_id = ws.create_table(design)

    assert view_id == int(played(vcr, {"tableDesign": design})["viewId"])


@pytest.mark.vcr
def test_create_query_table_example(ws, vcr):
    view_id = ws.create_query_table("SELECT * FROM Sales", "Sales Summary")

    expected = {"sqlQuery": "SELECT * FROM Sales", "queryTableName": "Sales Summary"}
    assert view_id == int(played(vcr, expected)["viewId"])


@pytest.mark.vcr
def test_edit_query_table_example(ws, vcr):
    sql = "SELECT Region, SUM(Sales) FROM Sales GROUP BY Region"

    assert ws.edit_query_table(QUERY_TABLE_ID, sql) is None

    played(vcr, {"sqlQuery": sql})


@pytest.mark.vcr
def test_get_query_tables_config(ws, vcr):
    config = {"keyword": "Sales", "startIndex": 1, "noOfResult": 50}

    tables = ws.get_query_tables(config)

    assert tables == played(vcr, config)["queryTables"]


@pytest.mark.vcr
def test_get_query_table_details_example(ws, vcr):
    details = ws.get_query_table_details(QUERY_TABLE_ID)

    assert details == played(vcr)
    assert details["involvedViews"][0]["viewName"] == "Sales"


@pytest.mark.vcr
def test_get_trash_views_example(ws, vcr):
    views = ws.get_trash_views()

    assert views == played(vcr)["views"]


@pytest.mark.vcr
def test_restore_trash_views_config(ws, vcr):
    assert ws.restore_trash_views(VIEW_ID, {"withDependents": True}) is None
    played(vcr, {"withDependents": True})


@pytest.mark.vcr
def test_delete_trash_views_example(ws, vcr):
    assert ws.delete_trash_views(VIEW_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_create_report_example(ws, vcr):
    config = {
        "baseTableName": "Sales",
        "title": "Sales By Region",
        "reportType": "chart",
        "axisColumns": AXES,
    }

    view_id = ws.create_report(config)

    assert view_id == int(played(vcr, config)["viewId"])


@pytest.mark.vcr
def test_update_report_example(ws, vcr):
    config = {"title": "Sales by Region", "axisColumns": AXES}

    assert ws.update_report(VIEW_ID, config) is None

    played(vcr, config)


# Slideshows and variables


@pytest.mark.vcr
def test_create_slideshow_example(ws, vcr):
    slide_id = ws.create_slideshow("Monthly review", VIEW_IDS)

    expected = {"slideName": "Monthly review", "viewIds": VIEW_IDS}
    assert slide_id == int(played(vcr, expected)["slideId"])


@pytest.mark.vcr
def test_update_slideshow_config(ws, vcr):
    assert ws.update_slideshow(SLIDE_ID, {"slideName": "Weekly review"}) is None
    played(vcr, {"slideName": "Weekly review"})


@pytest.mark.vcr
def test_delete_slideshow_example(ws, vcr):
    assert ws.delete_slideshow(SLIDE_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_get_slideshows_example(ws, vcr):
    slideshows = ws.get_slideshows()

    assert slideshows == played(vcr)["slideshows"]


@pytest.mark.vcr
def test_get_slideshow_url_config(ws, vcr):
    config = {"includeTitle": True, "slideInterval": 25}

    url = ws.get_slideshow_url(SLIDE_ID, config)

    assert url == played(vcr, config)["slideUrl"]


@pytest.mark.vcr
def test_get_slideshow_details_example(ws, vcr):
    details = ws.get_slideshow_details(SLIDE_ID)

    assert details == played(vcr)["slideInfo"]


@pytest.mark.vcr
def test_create_variable_example(ws, vcr):
    variable_id = ws.create_variable("Target", 1, 0)

    expected = {"variableName": "Target", "variableDataType": 1, "variableType": 0}
    assert variable_id == int(played(vcr, expected)["variableId"])


@pytest.mark.vcr
def test_update_variable_example(ws, vcr):
    assert ws.update_variable(VARIABLE_ID, "Target", 4, 0) is None
    played(vcr, {"variableName": "Target", "variableDataType": 4, "variableType": 0})


@pytest.mark.vcr
def test_delete_variable_example(ws, vcr):
    assert ws.delete_variable(VARIABLE_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_get_variables_example(ws, vcr):
    variables = ws.get_variables()

    assert variables == played(vcr)["variables"]


@pytest.mark.vcr
def test_get_variable_details_example(ws, vcr):
    details = ws.get_variable_details(VARIABLE_ID)

    assert details == played(vcr)


# Data sources


@pytest.mark.vcr
def test_get_datasources_example(ws, vcr):
    sources = ws.get_datasources()

    assert sources == played(vcr)["dataSources"]


@pytest.mark.vcr
def test_sync_data_example(ws, vcr):
    assert ws.sync_data(DATASOURCE_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_update_datasource_connection_config(ws, vcr):
    config = {"connectionName": "ZohoCRM_NewConnection"}

    assert ws.update_datasource_connection(DATASOURCE_ID, config) is None

    played(vcr, config)


# Email schedules


@pytest.mark.vcr
def test_get_email_schedules_example(ws, vcr):
    schedules = ws.get_email_schedules()

    assert schedules == played(vcr)["emailSchedules"]


@pytest.mark.vcr
def test_create_email_schedule_config(ws, vcr):
    config = {"subject": "Monthly Financial Summary"}

    schedule_id = ws.create_email_schedule(
        "Monthly Report", VIEW_IDS, "pdf", EMAILS, SCHEDULE, config
    )

    expected = {
        "subject": "Monthly Financial Summary",
        "scheduleName": "Monthly Report",
        "viewIds": VIEW_IDS,
        "exportType": "pdf",
        "emailIds": EMAILS,
        "scheduleDetails": SCHEDULE,
    }
    assert schedule_id == str(played(vcr, expected)["scheduleId"])


@pytest.mark.vcr
def test_update_email_schedule_example(ws, vcr):
    config = {
        "scheduleName": "Daily Report",
        "scheduleDetails": {"calendarFrequency": "daily", "hour": 10, "minute": 30},
    }

    schedule_id = ws.update_email_schedule(SCHEDULE_ID, config)

    assert schedule_id == str(played(vcr, config)["scheduleId"])


@pytest.mark.vcr
def test_trigger_email_schedule_example(ws, vcr):
    assert ws.trigger_email_schedule(SCHEDULE_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_change_email_schedule_status_example(ws, vcr):
    assert ws.change_email_schedule_status(SCHEDULE_ID, "deactivate") is None
    played(vcr, {"operation": "deactivate"})


@pytest.mark.vcr
def test_delete_email_schedule_example(ws, vcr):
    assert ws.delete_email_schedule(SCHEDULE_ID) is None
    played(vcr)


# Aggregate formulas


@pytest.mark.vcr
def test_get_aggregate_formulas_example(ws, vcr):
    formulas = ws.get_aggregate_formulas()

    assert formulas == played(vcr)["aggregateFormulas"]


@pytest.mark.vcr
def test_get_aggregate_formula_dependents_example(ws, vcr):
    dependents = ws.get_aggregate_formula_dependents(FORMULA_ID)

    assert dependents == played(vcr)


@pytest.mark.vcr
def test_get_aggregate_formula_value_example(ws, vcr):
    value = ws.get_aggregate_formula_value(FORMULA_ID)

    assert value == played(vcr)["formulaValue"] == "348700"


# Tags


@pytest.mark.vcr
def test_get_tags_example(ws, vcr):
    tags = ws.get_tags()

    assert tags == played(vcr)["tags"]


@pytest.mark.vcr
def test_create_tag_example(ws, vcr):
    tag_id = ws.create_tag("Sales", "#1da043")

    expected = {"name": "Sales", "colorCode": "#1da043"}
    assert tag_id == played(vcr, expected)["tagId"] == "35130000011805005"


@pytest.mark.vcr
def test_update_tag_example(ws, vcr):
    assert ws.update_tag(TAG_ID, {"colorCode": "#55acee"}) is None
    played(vcr, {"colorCode": "#55acee"})


@pytest.mark.vcr
def test_delete_tag_example(ws, vcr):
    assert ws.delete_tag(TAG_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_get_tagged_views_config(ws, vcr):
    views = ws.get_tagged_views(TAG_ID, {"limit": 50, "offset": 0})

    assert views == played(vcr, {"limit": 50, "offset": 0})["views"]


@pytest.mark.vcr
def test_add_tag_to_views_example(ws, vcr):
    assert ws.add_tag_to_views(TAG_ID, VIEW_IDS) is None
    played(vcr, {"viewIds": VIEW_IDS})


@pytest.mark.vcr
def test_remove_tag_from_views_example(ws, vcr):
    assert ws.remove_tag_from_views(TAG_ID, {"viewIds": [VIEW_ID]}) is None
    played(vcr, {"viewIds": [VIEW_ID]})


# AutoML


@pytest.mark.vcr
def test_get_automl_analyses_example(ws, vcr):
    analyses = ws.get_automl_analyses()

    assert analyses == played(vcr)["analysis"]


@pytest.mark.vcr
def test_get_automl_analysis_details_example(ws, vcr):
    analysis = ws.get_automl_analysis_details(ANALYSIS_ID)

    assert analysis == played(vcr)["analysis"]
    assert analysis["models"][0]["id"] == MODEL_ID


@pytest.mark.vcr
def test_create_automl_analysis_config(ws, vcr):
    algorithms = {
        "randomForestClassification": {
            "minimumSampleSplit": 2,
            "maximumDepth": 2,
            "numberOfTrees": 25,
        }
    }

    analysis_id = ws.create_automl_analysis(
        "Analysis-1",
        TABLE_ID,
        "CLASSIFICATION",
        ["Product", "Sales"],
        1,
        algorithms,
        {"targetColumn": "Region"},
    )

    expected = {
        "targetColumn": "Region",
        "name": "Analysis-1",
        "trainingTableId": TABLE_ID,
        "predictionType": "CLASSIFICATION",
        "features": ["Product", "Sales"],
        "serverOption": 1,
        "algorithms": algorithms,
    }
    assert analysis_id == played(vcr, expected)["id"] == "466206000000178110"


@pytest.mark.vcr
def test_get_automl_model_deployments_example(ws, vcr):
    deployments = ws.get_automl_model_deployments(ANALYSIS_ID, MODEL_ID)

    assert deployments == played(vcr)["deployments"]


@pytest.mark.vcr
def test_create_automl_deployment_example(ws, vcr):
    schedule = {"calendarFrequency": "hourly", "interval": 3}

    deployment = ws.create_automl_deployment(
        ANALYSIS_ID,
        MODEL_ID,
        TABLE_ID,
        "SalesDep",
        schedule,
        ["Sales", "Product"],
        "precol",
        1,
        "append",
    )

    expected = {
        "inputTableId": TABLE_ID,
        "outputTable": "SalesDep",
        "scheduleDetails": schedule,
        "outputColumns": ["Sales", "Product"],
        "predictionColumn": "precol",
        "serverOption": 1,
        "importType": "append",
    }
    assert deployment == played(vcr, expected)["deployments"]


@pytest.mark.vcr
def test_automl_what_if_analysis_example(ws, vcr):
    features = {"Product": "Fruits and Vegetables", "Region": "East"}

    prediction = ws.automl_what_if_analysis(ANALYSIS_ID, MODEL_ID, features)

    assert prediction == played(vcr, {"features": features})
    assert prediction["targetColumn"] == "Sales"


@pytest.mark.vcr
def test_run_automl_analysis_example(ws, vcr):
    assert ws.run_automl_analysis(ANALYSIS_ID, DEPLOYMENT_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_delete_automl_deployment_example(ws, vcr):
    assert ws.delete_automl_deployment(ANALYSIS_ID, DEPLOYMENT_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_delete_automl_model_example(ws, vcr):
    assert ws.delete_automl_model(ANALYSIS_ID, MODEL_ID) is None
    played(vcr)


@pytest.mark.vcr
def test_delete_automl_analysis_example(ws, vcr):
    assert ws.delete_automl_analysis(int(ANALYSIS_ID)) is None
    played(vcr)
