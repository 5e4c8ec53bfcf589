"""Write the cassettes of test_client.py, test_org.py and test_workspace.py.

Each cassette holds the token exchange and one call, answered with the example
response that Zoho's OpenAPI files give for the operation. The answers are copied
into the cassettes, so the tests never read the OpenAPI files. Run by hand with the
folder that holds those files:

    python tests/cassettes_workspace.py OAS_FOLDER
    python tests/make_cassettes.py OAS_FOLDER      (these and all other cassettes)

A row of CALLS is (test name, verb, path, CONFIG, answer[, request headers]). The
answer is the operationId whose documented example answers the call, None for an
empty 204 answer, or the body itself where the OpenAPI files document none.
"""

import glob
import io
import json
import os
import sys
import zipfile

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
    ROLE_ID,
    SCHEDULE_ID,
    SLIDE_ID,
    TABLE_ID,
    TAG_ID,
    VARIABLE_ID,
    VIEW_ID,
    VIEW_IDS,
)
from make_cassettes import ORG_ID, WORKSPACE_ID, interaction, token_interaction, write

WS = "/restapi/v2/workspaces/" + WORKSPACE_ID
AUTOML = "/restapi/v2/automl/workspaces/%s/analysis" % WORKSPACE_ID
DEST_ORG = {"ZANALYTICS-DEST-ORGID": [DEST_ORG_ID]}

# Answers the OpenAPI files give a schema for but no example, built from the schema.
GROUPS = {
    "status": "success",
    "summary": "Get groups",
    "data": {
        "groups": [
            {
                "groupName": "Sales team",
                "groupId": GROUP_ID,
                "groupDesc": "Regional sales managers",
                "groupMembers": EMAILS,
            }
        ]
    },
}
GROUP_DETAILS = {
    "status": "success",
    "summary": "Get group details",
    "data": {"groups": GROUPS["data"]["groups"][0]},
}
SHARED_DETAILS = {
    "status": "success",
    "summary": "Get shared details for views",
    "data": {
        "sharedDetails": [
            {
                "viewId": VIEW_ID,
                "shareInfo": [
                    {
                        "sharedTo": EMAILS[0],
                        "sharedBy": "admin@finepick.com",
                        "permissions": {"read": True, "export": True, "vud": False},
                        "criteria": "",
                        "isGroupShare": False,
                    }
                ],
            }
        ]
    },
}
VARIABLE_DETAILS = {
    "status": "success",
    "summary": "Get variable details",
    "data": {
        "variableId": VARIABLE_ID,
        "variableName": "Variable - 1",
        "variableType": 0,
        "variableDataType": 1,
        "defaultData": {"defaultValue": "100", "minValue": "0", "maxValue": "1000"},
    },
}

TABLE_DESIGN = {
    "TABLENAME": "Sales",
    "TABLEDESCRIPTION": "Test",
    "COLUMNS": [
        {"COLUMNNAME": "Column1", "DATATYPE": "PLAIN"},
        {"COLUMNNAME": "Column2", "DATATYPE": "NUMBER"},
    ],
}
REPORT = {
    "baseTableName": "Sales",
    "title": "Sales By Region",
    "reportType": "chart",
    "axisColumns": [
        {"type": "xAxis", "columnName": "Region", "operation": "actual"},
        {"type": "yAxis", "columnName": "Sales", "operation": "sum"},
    ],
}
PERMISSIONS = {
    "dataPermissions": {"addRow": True, "modifyRow": True},
    "interactionPermissions": {"read": True, "drillDown": True},
}
ALGORITHMS = {
    "randomForestClassification": {
        "minimumSampleSplit": 2,
        "maximumDepth": 2,
        "numberOfTrees": 25,
    }
}
FEATURES = {"Product": "Fruits and Vegetables", "Region": "East"}


def template_zip():
    """A small ZIP as the template download (the OpenAPI files give no bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entry = zipfile.ZipInfo("template.json", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(entry, '{"views": ["%s"]}' % VIEW_ID)
    return buffer.getvalue()


# fmt: off
CLIENT_CALLS = [
    ("get_orgs_example", "GET", "/restapi/v2/orgs", None, "getOrganizations"),
    ("get_workspaces_example", "GET", "/restapi/v2/workspaces", None, "getAllWorkspaces"),
    ("get_owned_workspaces_example", "GET", "/restapi/v2/workspaces/owned", None, "getOwnedWorkspaces"),
    ("get_shared_workspaces_example", "GET", "/restapi/v2/workspaces/shared", None, "getSharedWorkspaces"),
    ("get_recent_views_example", "GET", "/restapi/v2/recentviews", None, "getRecentViews"),
    ("get_dashboards_example", "GET", "/restapi/v2/dashboards", None, "getDashboards"),
    ("get_owned_dashboards_example", "GET", "/restapi/v2/dashboards/owned", None, "getOwnedDashboards"),
    ("get_shared_dashboards_example", "GET", "/restapi/v2/dashboards/shared", None, "getSharedDashboards"),
    ("get_workspace_details_example", "GET", WS, None, "getWorkspaceDetails"),
    ("get_view_details_config", "GET", "/restapi/v2/views/" + VIEW_ID,
     {"withInvolvedMetaInfo": True}, "getViewDetails"),
]

ORG_CALLS = [
    ("create_workspace_config", "POST", "/restapi/v2/workspaces/",
     {"workspaceDesc": "Regional sales", "workspaceName": "Sales"}, "createWorkspace"),
    ("get_admins_example", "GET", "/restapi/v2/orgadmins", None, "getOrgAdmins"),
    ("get_users_example", "GET", "/restapi/v2/users", None, "getUsers"),
    ("add_users_config", "POST", "/restapi/v2/users", {"role": "VIEWER", "emailIds": EMAILS}, None),
    ("remove_users_example", "DELETE", "/restapi/v2/users", {"emailIds": EMAILS}, None),
    ("activate_users_example", "PUT", "/restapi/v2/users/active", {"emailIds": EMAILS}, None),
    ("deactivate_users_example", "PUT", "/restapi/v2/users/inactive", {"emailIds": EMAILS}, None),
    ("change_user_role_example", "PUT", "/restapi/v2/users/role",
     {"emailIds": EMAILS, "role": "ORGADMIN"}, None),
    ("get_subscription_details_example", "GET", "/restapi/v2/subscription", None, "getSubscriptionDetails"),
    ("get_resource_details_example", "GET", "/restapi/v2/resources", None, "getResourceDetails"),
    ("get_meta_details_example", "GET", "/restapi/v2/metadetails",
     {"workspaceName": "Account details", "viewName": "Accounts"}, "getMetaDetails"),
    ("get_custom_roles_example", "GET", "/restapi/v2/orgs/roles", None, "getCustomRoles"),
    ("create_custom_role_example", "POST", "/restapi/v2/orgs/roles",
     {"roleName": "Sales Analyst", "accessType": "ALL_REPORTS_AND_DASHBOARDS",
      "permissions": PERMISSIONS}, "createCustomRole"),
    ("update_custom_role_example", "PUT", "/restapi/v2/orgs/roles/" + ROLE_ID,
     {"accessType": "ALL_DASHBOARDS", "permissions": PERMISSIONS}, "updateCustomRole"),
    ("delete_custom_role_example", "DELETE", "/restapi/v2/orgs/roles/" + ROLE_ID, None, "deleteCustomRole"),
    ("get_automl_analyses_example", "GET", "/restapi/v2/automl/analysis", None, "getAutoMLAnalysisInOrg"),
]

# The official client reaches some operations under paths the OpenAPI files spell
# otherwise (email schedules under a view, sharing under views/share, datasource
# singular); those calls are answered with the example of that operation.
WORKSPACE_CALLS = [
    ("copy_dest_org", "POST", WS, {"copyWithData": True, "newWorkspaceName": "Sales copy"},
     "copyWorkspace", DEST_ORG),
    ("rename_example", "PUT", WS, {"workspaceName": "Sales 2026"}, "renameWorkspace"),
    ("delete_example", "DELETE", WS, None, "deleteWorkspace"),
    ("get_secret_key_example", "GET", WS + "/secretkey", None, "getWorkspaceSecretKey"),
    ("add_favorite_example", "POST", WS + "/favorite", None, "addFavoriteWorkspace"),
    ("remove_favorite_example", "DELETE", WS + "/favorite", None, "removeFavoriteWorkspace"),
    ("add_default_example", "POST", WS + "/default", None, "addDefaultWorkspace"),
    ("remove_default_example", "DELETE", WS + "/default", None, "removeDefaultWorkspace"),
    ("get_admins_example", "GET", WS + "/admins", None, "getWorkspaceAdmins"),
    ("add_admins_config", "POST", WS + "/admins", {"inviteMail": False, "emailIds": EMAILS},
     "addWorkspaceAdmins"),
    ("remove_admins_example", "DELETE", WS + "/admins", {"emailIds": EMAILS}, "removeWorkspaceAdmins"),
    ("get_share_info_example", "GET", WS + "/share", None, "getWorkspaceSharedDetails"),
    ("share_views_example", "POST", WS + "/share",
     {"viewIds": VIEW_IDS, "emailIds": EMAILS, "permissions": {"read": True, "export": True}},
     "shareViews"),
    ("remove_share_example", "DELETE", WS + "/share", {"emailIds": EMAILS, "viewIds": VIEW_IDS},
     "removeShare"),
    ("get_shared_details_for_views_example", "GET", WS + "/share/shareddetails",
     {"viewIds": VIEW_IDS}, SHARED_DETAILS),
    ("get_folders_example", "GET", WS + "/folders", None, "getFolders"),
    ("create_folder_config", "POST", WS + "/folders",
     {"folderDesc": "Quarterly reports", "folderName": "Q3"}, "createFolder"),
    ("get_views_example", "GET", WS + "/views", None, "getViews"),
    ("create_table_example", "POST", WS + "/tables", {"tableDesign": TABLE_DESIGN}, "createTable"),
    ("create_query_table_example", "POST", WS + "/querytables",
     {"sqlQuery": "SELECT * FROM Sales", "queryTableName": "Sales Summary"}, "createQueryTable"),
    ("edit_query_table_example", "PUT", WS + "/querytables/" + QUERY_TABLE_ID,
     {"sqlQuery": "SELECT Region, SUM(Sales) FROM Sales GROUP BY Region"}, "editQueryTable"),
    ("copy_views_dest_org", "POST", WS + "/views/copy",
     {"copyWithData": True, "viewIds": VIEW_IDS, "destWorkspaceId": DEST_WORKSPACE_ID},
     "copyViews", DEST_ORG),
    ("enable_domain_access_example", "POST", WS + "/wlaccess", None, "enableDomainWorkspace"),
    ("disable_domain_access_example", "DELETE", WS + "/wlaccess", None, "disableDomainWorkspace"),
    ("rename_folder_example", "PUT", WS + "/folders/" + FOLDER_ID, {"folderName": "Sales 2026"},
     "renameFolder"),
    ("delete_folder_example", "DELETE", WS + "/folders/" + FOLDER_ID, None, "deleteFolder"),
    ("get_groups_example", "GET", WS + "/groups", None, GROUPS),
    ("create_group_example", "POST", WS + "/groups", {"groupName": "Sales team", "emailIds": EMAILS},
     "createGroup"),
    ("get_group_details_example", "GET", WS + "/groups/" + GROUP_ID, None, GROUP_DETAILS),
    ("rename_group_example", "PUT", WS + "/groups/" + GROUP_ID, {"groupName": "Sales EMEA"},
     "renameGroup"),
    ("delete_group_example", "DELETE", WS + "/groups/" + GROUP_ID, None, "deleteGroup"),
    ("add_group_members_example", "POST", WS + "/groups/%s/members" % GROUP_ID,
     {"emailIds": EMAILS}, "addGroupMembers"),
    ("remove_group_members_example", "DELETE", WS + "/groups/%s/members" % GROUP_ID,
     {"emailIds": EMAILS}, "removeGroupMembers"),
    ("create_slideshow_example", "POST", WS + "/slides",
     {"slideName": "Monthly review", "viewIds": VIEW_IDS}, "createSlideshow"),
    ("update_slideshow_config", "PUT", WS + "/slides/" + SLIDE_ID, {"slideName": "Weekly review"},
     "updateSlideshow"),
    ("delete_slideshow_example", "DELETE", WS + "/slides/" + SLIDE_ID, None, "deleteSlideshow"),
    ("get_slideshows_example", "GET", WS + "/slides", None, "getSlideshows"),
    ("get_slideshow_url_config", "GET", WS + "/slides/%s/publish" % SLIDE_ID,
     {"includeTitle": True, "slideInterval": 25}, "getSlideshowUrl"),
    ("get_slideshow_details_example", "GET", WS + "/slides/" + SLIDE_ID, None, "getSlideshowDetails"),
    ("create_variable_example", "POST", WS + "/variables",
     {"variableName": "Target", "variableDataType": 1, "variableType": 0}, "createVariable"),
    ("update_variable_example", "PUT", WS + "/variables/" + VARIABLE_ID,
     {"variableName": "Target", "variableDataType": 4, "variableType": 0}, "updateVariable"),
    ("delete_variable_example", "DELETE", WS + "/variables/" + VARIABLE_ID, None, "deleteVariable"),
    ("get_variables_example", "GET", WS + "/variables", None, "getVariables"),
    ("get_variable_details_example", "GET", WS + "/variables/" + VARIABLE_ID, None, VARIABLE_DETAILS),
    ("make_default_folder_example", "PUT", WS + "/folders/%s/default" % FOLDER_ID, None,
     "makeDefaultFolder"),
    ("get_datasources_example", "GET", WS + "/datasources", None, "getDatasources"),
    ("sync_data_example", "POST", WS + "/datasources/%s/sync" % DATASOURCE_ID, None, "syncDatasource"),
    ("update_datasource_connection_config", "PUT", WS + "/datasources/" + DATASOURCE_ID,
     {"connectionName": "ZohoCRM_NewConnection"}, "updateDatasourceConnection"),
    ("get_trash_views_example", "GET", WS + "/trash", None, "getTrashViews"),
    ("restore_trash_views_config", "POST", WS + "/trash/" + VIEW_ID, {"withDependents": True},
     "restoreTrashView"),
    ("delete_trash_views_example", "DELETE", WS + "/trash/" + VIEW_ID, None, "deleteTrashView"),
    ("change_folder_hierarchy_example", "PUT", WS + "/folders/%s/move" % FOLDER_ID,
     {"hierarchy": 0}, "changeFolderHierarchy"),
    ("change_folder_position_example", "PUT", WS + "/folders/%s/reorder" % FOLDER_ID,
     {"referenceFolderId": REFERENCE_FOLDER_ID}, "changeFolderPosition"),
    ("move_views_to_folder_example", "PUT", WS + "/views/movetofolder",
     {"folderId": FOLDER_ID, "viewIds": VIEW_IDS}, "moveViewsToFolder"),
    ("export_as_template_example", "GET", WS + "/template/data", {"viewIds": VIEW_IDS},
     template_zip()),
    ("get_workspace_users_example", "GET", WS + "/users", None, "getWorkspaceUsers"),
    ("add_workspace_users_example", "POST", WS + "/users", {"emailIds": EMAILS, "role": "USER"},
     "addWorkspaceUsers"),
    ("remove_workspace_users_example", "DELETE", WS + "/users", {"emailIds": EMAILS},
     "deleteWorkspaceUsers"),
    ("change_workspace_user_status_example", "PUT", WS + "/users/status",
     {"emailIds": EMAILS, "operation": "deactivate"}, "changeWorkspaceUsersStatus"),
    ("change_workspace_user_role_example", "PUT", WS + "/users/role",
     {"emailIds": EMAILS, "role": "WORKSPACEADMIN"}, "changeWorkspaceUsersRole"),
    ("get_email_schedules_example", "GET", WS + "/emailschedules", None, "getEmailSchedules"),
    ("create_email_schedule_config", "POST", WS + "/emailschedules",
     {"subject": "Monthly Financial Summary", "scheduleName": "Monthly Report",
      "viewIds": VIEW_IDS, "exportType": "pdf", "emailIds": EMAILS,
      "scheduleDetails": {"calendarFrequency": "monthly", "hour": 9, "minute": 0}},
     "createEmailSchedule"),
    ("update_email_schedule_example", "PUT", WS + "/emailschedules/" + SCHEDULE_ID,
     {"scheduleName": "Daily Report",
      "scheduleDetails": {"calendarFrequency": "daily", "hour": 10, "minute": 30}},
     "updateEmailSchedule"),
    ("trigger_email_schedule_example", "POST", WS + "/emailschedules/" + SCHEDULE_ID, None,
     "triggerEmailSchedule"),
    ("change_email_schedule_status_example", "PUT", WS + "/emailschedules/%s/status" % SCHEDULE_ID,
     {"operation": "deactivate"}, "changeEmailScheduleStatus"),
    ("delete_email_schedule_example", "DELETE", WS + "/emailschedules/" + SCHEDULE_ID, None,
     "deleteEmailSchedule"),
    ("get_aggregate_formulas_example", "GET", WS + "/aggregateformulas", None,
     "getAggregateFormulasInWorkspace"),
    ("get_aggregate_formula_dependents_example", "GET",
     WS + "/aggregateformulas/%s/dependents" % FORMULA_ID, None, "getAggregateFormulaDependents"),
    ("get_aggregate_formula_value_example", "GET", WS + "/aggregateformulas/%s/value" % FORMULA_ID,
     None, "getAggregateFormulaValue"),
    ("create_report_example", "POST", WS + "/reports", REPORT, "createReport"),
    ("update_report_example", "PUT", WS + "/reports/" + VIEW_ID,
     {"title": "Sales by Region", "axisColumns": REPORT["axisColumns"]}, "updateReport"),
    ("get_query_tables_config", "GET", WS + "/querytables",
     {"keyword": "Sales", "startIndex": 1, "noOfResult": 50}, "getQueryTables"),
    ("get_query_table_details_example", "GET", WS + "/querytables/" + QUERY_TABLE_ID, None,
     "getQueryTableDetails"),
    ("get_tags_example", "GET", WS + "/tags", None, "getTagsList"),
    ("create_tag_example", "POST", WS + "/tags", {"name": "Sales", "colorCode": "#1da043"},
     "createTag"),
    ("update_tag_example", "PUT", WS + "/tags/" + TAG_ID, {"colorCode": "#55acee"}, "updateTag"),
    ("delete_tag_example", "DELETE", WS + "/tags/" + TAG_ID, None, "deleteTag"),
    ("get_tagged_views_config", "GET", WS + "/tags/%s/views" % TAG_ID, {"limit": 50, "offset": 0},
     "getTaggedViews"),
    ("add_tag_to_views_example", "POST", WS + "/tags/%s/views" % TAG_ID, {"viewIds": VIEW_IDS},
     "addTagToViews"),
    ("remove_tag_from_views_example", "DELETE", WS + "/tags/%s/views" % TAG_ID,
     {"viewIds": [VIEW_ID]}, "removeTagFromViews"),
    ("get_automl_analyses_example", "GET", AUTOML, None, "getAutoMLAnalysisInWorkspace"),
    ("get_automl_analysis_details_example", "GET", AUTOML + "/" + ANALYSIS_ID, None,
     "getAutoMLAnalysisDetails"),
    ("create_automl_analysis_config", "POST", AUTOML,
     {"targetColumn": "Region", "name": "Analysis-1", "trainingTableId": TABLE_ID,
      "predictionType": "CLASSIFICATION", "features": ["Product", "Sales"], "serverOption": 1,
      "algorithms": ALGORITHMS}, "createAutoMLAnalysis"),
    ("get_automl_model_deployments_example", "GET",
     AUTOML + "/%s/models/%s/deployments" % (ANALYSIS_ID, MODEL_ID), None, "getDeploymentsForModel"),
    ("create_automl_deployment_example", "POST",
     AUTOML + "/%s/models/%s/deployments" % (ANALYSIS_ID, MODEL_ID),
     {"inputTableId": TABLE_ID, "outputTable": "SalesDep",
      "scheduleDetails": {"calendarFrequency": "hourly", "interval": 3},
      "outputColumns": ["Sales", "Product"], "predictionColumn": "precol", "serverOption": 1,
      "importType": "append"}, "createAutoMLAnalysisDeployment"),
    ("automl_what_if_analysis_example", "POST",
     AUTOML + "/%s/models/%s/whatif" % (ANALYSIS_ID, MODEL_ID), {"features": FEATURES},
     "autoMLWhatIfAnalysis"),
    ("run_automl_analysis_example", "POST",
     AUTOML + "/%s/deployments/%s/execute" % (ANALYSIS_ID, DEPLOYMENT_ID), None, "runAutoMLAnalysis"),
    ("delete_automl_deployment_example", "DELETE",
     AUTOML + "/%s/deployments/%s" % (ANALYSIS_ID, DEPLOYMENT_ID), None,
     "deleteAutoMLAnalysisModelDeployment"),
    ("delete_automl_model_example", "DELETE", AUTOML + "/%s/models/%s" % (ANALYSIS_ID, MODEL_ID),
     None, "deleteAutoMLAnalysisModel"),
    ("delete_automl_analysis_example", "DELETE", AUTOML + "/" + ANALYSIS_ID, None,
     "deleteAutoMLAnalysis"),
]
# fmt: on

MODULES = [
    ("test_client", CLIENT_CALLS, False),
    ("test_org", ORG_CALLS, True),
    ("test_workspace", WORKSPACE_CALLS, True),
]

_VERBS = ("get", "post", "put", "delete", "patch")


def load_operations(folder):
    """Map every operationId in the folder's OpenAPI files to (document, operation)."""
    operations = {}
    paths = sorted(glob.glob(os.path.join(folder, "*.json")))
    if not paths:
        raise SystemExit("no OpenAPI files (*.json) in %s" % folder)
    for path in paths:
        with open(path) as handle:
            document = json.load(handle)
        for item in document.get("paths", {}).values():
            for verb, operation in item.items():
                if verb in _VERBS and "operationId" in operation:
                    operations[operation["operationId"]] = (document, operation)
    return operations


def _deref(document, node):
    """Follow local $ref pointers ('#/components/...') until a real node."""
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
        target = document
        for key in node["$ref"][2:].split("/"):
            target = target[key]
        node = target
    return node


def _unwrap(example):
    """Drop an OpenAPI named-example wrapper: {"success": {"value": X}} -> X."""
    if isinstance(example, dict) and len(example) == 1:
        (inner,) = example.values()
        if isinstance(inner, dict) and "value" in inner:
            return inner["value"]
    return example


def documented_answer(operations, operation_id):
    """Return (status, body) of the operation's first documented 2xx answer.

    The schema's own example comes first: where an operation documents two that
    disagree (createReport gives viewId in one, reportId in the other), the schema's
    matches what the official client reads.
    """
    if operation_id not in operations:
        raise SystemExit("no operation %s in the OpenAPI files" % operation_id)
    document, operation = operations[operation_id]
    for status in sorted(operation["responses"]):
        if not status.startswith("2"):
            continue
        response = _deref(document, operation["responses"][status])
        content = response.get("content", {}).get("application/json")
        if content is None:
            return int(status), ""
        schema = _deref(document, content.get("schema", {}))
        if schema.get("examples"):
            example = _unwrap(schema["examples"][0])
        elif content.get("examples"):
            example = next(iter(content["examples"].values()))["value"]
        else:
            raise SystemExit("%s documents no example answer" % operation_id)
        return int(status), json.dumps(example, separators=(",", ":"))
    raise SystemExit("%s documents no 2xx answer" % operation_id)


def answer_of(operations, answer):
    """Turn a CALLS answer into (status, body, content type)."""
    json_type = "application/json;charset=UTF-8"
    if answer is None:
        return 204, "", json_type
    if isinstance(answer, bytes):
        return 200, answer, "application/x-zip-compressed"
    if isinstance(answer, dict):
        return 200, json.dumps(answer, separators=(",", ":")), json_type
    status, body = documented_answer(operations, answer)
    return status, body, json_type


def build(folder):
    operations = load_operations(folder)
    for module, calls, org in MODULES:
        for row in calls:
            name, verb, path, config, answer = row[:5]
            headers = row[5] if len(row) > 5 else None
            status, body, content_type = answer_of(operations, answer)
            call = interaction(
                verb,
                path,
                status,
                body,
                config,
                org=org,
                content_type=content_type,
                request_headers=headers,
            )
            write(module, "test_" + name, [token_interaction(), call])


def main(argv):
    if len(argv) != 1 or not os.path.isdir(argv[0]):
        raise SystemExit(
            "usage: python %s OAS_FOLDER (Zoho's OpenAPI JSON files)"
            % os.path.basename(sys.argv[0])
        )
    build(argv[0])


if __name__ == "__main__":
    main(sys.argv[1:])
