"""Write the cassettes of test_view, test_bulk and test_batches from Zoho's examples.

A maintainer script, never imported by the tests. Each answer is the example
response that Zoho's OpenAPI files document for the operation (the folder of
those files is the first argument); a 204 operation answers with no body.

Run: python tests/make_cassettes.py OAS_FOLDER
(make_cassettes.py imports this module, which then writes its cassettes), or
python tests/cassettes_view_bulk.py OAS_FOLDER. Without the folder it writes
nothing and says so on stderr.

Where the OpenAPI files have no example, the answer is built from what they do
say: Get My Permissions from its schema (every permission false but read), and
the two downloads as a small CSV. The official client reads Get Formula Columns
as data.formulaColumns; the OpenAPI example, written for the newer
/customformulas path, calls the same list customFormulas, so the cassette uses
the official key.
"""

import json
import os
import sys
import urllib.parse

from make_cassettes import WORKSPACE_ID, interaction, token_interaction, write

VIEW_ID = "1767024000003145011"
COLUMN_ID = "1767024000003145017"
FORMULA_ID = "1767024000009120246"
AGGREGATE_ID = "1767024000009137000"
EXPORT_JOB_ID = "35130000001391001"
DEST_WORKSPACE_ID = "1767024000003145002"
DEST_ORG_ID = "55522778"
TAG_IDS = ["35130000011774006", "35130000011778018"]

WS = "/restapi/v2/workspaces/%s" % WORKSPACE_ID
VIEW = WS + "/views/" + VIEW_ID
BULK = "/restapi/v2/bulk/workspaces/%s" % WORKSPACE_ID
CRITERIA = '"Sales"."Region"=\'East\''
ROW = {"Region": "East", "Sales": "1000"}

# The files the tests upload (they write the same bytes into tmp_path).
SALES_CSV = (
    "Date,Region,Product,Sales\r\n"
    '2024-01-02,East,"Chair, oak",120.50\r\n'
    '2024-01-03,West,"Desk\r\nwith drawer",340.00\r\n'
)
BATCH_CSV = (
    "Date,Region,Note\n"
    "2024-01-01,East,plain\n"
    '2024-01-02,West,"two\nlines"\n'
    '2024-01-03,North,"say ""hi"""\n'
    '2024-01-04,South,"a, b"\n'
    "2024-01-05,East,last\n"
)
EXPORT_CSV = (
    "Date,Region,Product Category,Product,Customer Name,Sales,Cost\r\n"
    "2024-01-02,East,Furniture,Chair,Ada Lovelace,120.50,80.00\r\n"
    "2024-01-03,West,Technology,Laptop,Alan Turing,999.00,700.00\r\n"
)
RAW_DATA = [{"Region": "East"}, {"Region": "West"}]
BOUNDARY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

# (test name, method, path, operationId, CONFIG or None, extras)
VIEW_CALLS = [
    ("rename", "PUT", VIEW, "renameView", {"viewName": "Sales 2024"}),
    ("delete", "DELETE", VIEW, "deleteView", None),
    ("save_as", "POST", VIEW + "/saveas", "saveAsView", {"viewName": "Sales Copy"}),
    (
        "copy_formulas",
        "POST",
        VIEW + "/formulas/copy",
        "copyFormulas",
        {
            "formulaColumnNames": ["Avg_Cost", "Avg_Sales"],
            "destWorkspaceId": DEST_WORKSPACE_ID,
        },
        {"request_headers": {"ZANALYTICS-DEST-ORGID": [DEST_ORG_ID]}},
    ),
    ("add_favorite", "POST", VIEW + "/favorite", "addFavoriteView", None),
    ("remove_favorite", "DELETE", VIEW + "/favorite", "removeFavoriteView", None),
    (
        "create_similar_views",
        "POST",
        VIEW + "/similarviews",
        "createSimilarViews",
        {"referenceViewId": "1767024000003145012", "folderId": "1767024000003145001"},
    ),
    ("auto_analyse", "POST", VIEW + "/autoanalyse", "autoAnalyseView", None),
    (
        "get_my_permissions",
        "GET",
        VIEW + "/share/userpermissions",
        "getMyPermissions",
        None,
    ),
    ("get_view_url", "GET", VIEW + "/publish", "getViewUrl", None),
    (
        "get_embed_url",
        "GET",
        VIEW + "/publish/embed",
        "getEmbedUrl",
        {"criteria": CRITERIA},
    ),
    ("get_private_url", "GET", VIEW + "/publish/privatelink", "getPrivateUrl", None),
    (
        "create_private_url",
        "POST",
        VIEW + "/publish/privatelink",
        "createPrivateUrl",
        None,
    ),
    (
        "remove_private_access",
        "DELETE",
        VIEW + "/publish/privatelink",
        "removePrivateAccess",
        None,
    ),
    ("make_view_public", "POST", VIEW + "/publish/public", "makeViewsPublic", None),
    (
        "remove_public_access",
        "DELETE",
        VIEW + "/publish/public",
        "removePublicPermission",
        None,
    ),
    (
        "get_publish_configurations",
        "GET",
        VIEW + "/publish/config",
        "getPublishConfigurations",
        None,
    ),
    (
        "update_publish_configurations",
        "PUT",
        VIEW + "/publish/config",
        "updatePublishConfigurations",
        {"includeTitle": True, "includeDesc": False},
    ),
    (
        "add_column",
        "POST",
        VIEW + "/columns",
        "addColumn",
        {"columnName": "Profit", "dataType": "CURRENCY"},
    ),
    (
        "hide_columns",
        "PUT",
        VIEW + "/columns/hide",
        "hideColumns",
        {"columnIds": [COLUMN_ID]},
    ),
    (
        "show_columns",
        "PUT",
        VIEW + "/columns/show",
        "showColumns",
        {"columnIds": [COLUMN_ID]},
    ),
    ("add_row", "POST", VIEW + "/rows", "addRow", {"columns": ROW}),
    (
        "update_row",
        "PUT",
        VIEW + "/rows",
        "updateRows",
        {"columns": ROW, "criteria": CRITERIA},
    ),
    ("delete_row", "DELETE", VIEW + "/rows", "deleteRows", {"criteria": CRITERIA}),
    (
        "rename_column",
        "PUT",
        VIEW + "/columns/" + COLUMN_ID,
        "renameColumn",
        {"columnName": "Net Sales"},
    ),
    ("delete_column", "DELETE", VIEW + "/columns/" + COLUMN_ID, "deleteColumn", None),
    (
        "add_lookup",
        "POST",
        VIEW + "/columns/%s/lookup" % COLUMN_ID,
        "addLookup",
        {
            "referenceViewId": "1767024000003145012",
            "referenceColumnId": "1767024000003145013",
        },
    ),
    (
        "remove_lookup",
        "DELETE",
        VIEW + "/columns/%s/lookup" % COLUMN_ID,
        "removeLookup",
        None,
    ),
    (
        "auto_analyse_column",
        "POST",
        VIEW + "/columns/%s/autoanalyse" % COLUMN_ID,
        "autoAnalyseColumn",
        None,
    ),
    ("refetch_data", "POST", VIEW + "/sync", "refetchDatasource", None),
    (
        "get_last_import_details",
        "GET",
        VIEW + "/importdetails",
        "getLastImportDetails",
        None,
    ),
    (
        "get_formula_columns",
        "GET",
        VIEW + "/formulacolumns",
        "getCustomFormulaList",
        None,
        {"rename": ("customFormulas", "formulaColumns")},
    ),
    (
        "add_formula_column",
        "POST",
        VIEW + "/formulacolumns",
        "addFormulaColumn",
        {"formulaName": "F1", "expression": '"Sales" - "Cost"'},
    ),
    (
        "edit_formula_column",
        "PUT",
        VIEW + "/formulacolumns/" + FORMULA_ID,
        "editFormulaColumn",
        {"expression": '"Sales" - "Cost" + "Adjustment"'},
    ),
    (
        "delete_formula_column",
        "DELETE",
        VIEW + "/formulacolumns/" + FORMULA_ID,
        "deleteFormulaColumn",
        None,
    ),
    (
        "get_aggregate_formulas",
        "GET",
        VIEW + "/aggregateformulas",
        "getAggregateFormulaList",
        None,
    ),
    (
        "add_aggregate_formula",
        "POST",
        VIEW + "/aggregateformulas",
        "addAggregateFormula",
        {"formulaName": "AF1", "expression": 'sum("Sales")'},
    ),
    (
        "edit_aggregate_formula",
        "PUT",
        VIEW + "/aggregateformulas/" + AGGREGATE_ID,
        "editAggregateFormula",
        {"expression": 'avg("Sales")'},
    ),
    (
        "delete_aggregate_formula",
        "DELETE",
        VIEW + "/aggregateformulas/" + AGGREGATE_ID,
        "deleteAggregateFormula",
        None,
    ),
    ("get_view_dependents", "GET", VIEW + "/dependents", "getViewDependents", None),
    (
        "get_column_dependents",
        "GET",
        VIEW + "/columns/%s/dependents" % COLUMN_ID,
        "getColumnDependents",
        None,
    ),
    (
        "update_shared_details",
        "PUT",
        VIEW + "/share",
        "UpdateSharedDetailsForView",
        {"emailIds": ["user1@example.com"], "permissions": {"read": True}},
    ),
    ("get_table_metadata", "GET", VIEW + "/metadata", "getTableMetadata", None),
    ("get_datasources", "GET", VIEW + "/datasources", "getDatasources", None),
    (
        "sort_data_by_columns",
        "PUT",
        VIEW + "/data/sort",
        "sortDataByColumns",
        {"columns": [COLUMN_ID], "sortOrder": 2},
    ),
    (
        "reorder_columns",
        "PUT",
        VIEW + "/columns/reorder",
        "reorderColumns",
        {"columns": ["2531676000011845005", "2531676000011845008"]},
    ),
    ("get_view_tags", "GET", VIEW + "/tags", "getViewTags", None),
    ("add_tags_to_view", "POST", VIEW + "/tags", "addTagsToView", {"tagIds": TAG_IDS}),
    (
        "remove_tags_from_view",
        "DELETE",
        VIEW + "/tags",
        "removeTagsFromView",
        {"tagIds": TAG_IDS[:1]},
    ),
    (
        "remove_tags_from_view",
        "DELETE",
        VIEW + "/tags",
        "removeTagsFromView",
        {"dissociateAll": True},
        {"case": "all"},
    ),
]

CSV_IMPORT = {"fileType": "csv", "autoIdentify": "true", "importType": "append"}
NEW_TABLE = {"tableName": "Sales", "fileType": "csv", "autoIdentify": "true"}
UPLOAD = {"upload": ("sales.csv", SALES_CSV)}
BULK_CALLS = [
    (
        "import_data",
        "POST",
        VIEW + "/data",
        "importDataExistingTable",
        CSV_IMPORT,
        UPLOAD,
    ),
    (
        "import_data_in_new_table",
        "POST",
        WS + "/data",
        "importDataNewTable",
        NEW_TABLE,
        UPLOAD,
    ),
    (
        "import_raw_data",
        "POST",
        VIEW + "/data",
        "importDataExistingTable",
        dict(CSV_IMPORT, fileType="json"),
        {"data": RAW_DATA},
    ),
    (
        "import_raw_data_in_new_table",
        "POST",
        WS + "/data",
        "importDataNewTable",
        dict(NEW_TABLE, fileType="json"),
        {"data": RAW_DATA},
    ),
    (
        "import_bulk_data",
        "POST",
        BULK + "/views/%s/data" % VIEW_ID,
        "createImportJobExistingTable",
        CSV_IMPORT,
        UPLOAD,
    ),
    (
        "import_bulk_data_in_new_table",
        "POST",
        BULK + "/data",
        "createImportJobNewTable",
        NEW_TABLE,
        UPLOAD,
    ),
    (
        "export_data",
        "GET",
        VIEW + "/data",
        "exportDataView",
        {"responseFormat": "csv"},
        {"download": EXPORT_CSV},
    ),
    (
        "initiate_bulk_export",
        "GET",
        BULK + "/views/%s/data" % VIEW_ID,
        "createExportJobViewId",
        {"responseFormat": "csv"},
    ),
    (
        "initiate_bulk_export_using_sql",
        "GET",
        BULK + "/data",
        "createExportJobSQLQuery",
        {"responseFormat": "csv", "sqlQuery": "select Region, Sales from Sales"},
    ),
    (
        "get_export_job_details",
        "GET",
        BULK + "/exportjobs/" + EXPORT_JOB_ID,
        "getExportJobDetails",
        None,
    ),
    (
        "export_bulk_data",
        "GET",
        BULK + "/exportjobs/%s/data" % EXPORT_JOB_ID,
        "downloadExportedData",
        None,
        {"download": EXPORT_CSV},
    ),
]

# The batch imports: BATCH_CSV in batches of 2 records, then in batches of 3.
BATCH_KEYS = {
    "batchImportExistingTable": "1694703618038_1767024000008742002",
    "batchImportNewTable": "1694703482470_1767024000008426012_SalesTable",
}


def batch_bodies(batch_size):
    """The batches of BATCH_CSV: its header, then batch_size records each."""
    lines = BATCH_CSV.splitlines(True)
    header, records = lines[0], [lines[1], lines[2] + lines[3]] + lines[4:]
    return [
        header + "".join(records[at : at + batch_size])
        for at in range(0, len(records), batch_size)
    ]


class OAS(object):
    """Example answers of Zoho's OpenAPI files, by operationId."""

    def __init__(self, folder):
        self.documents = {}
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name)) as handle:
                    self.documents[name] = json.load(handle)
        self.operations = {}
        for name, document in self.documents.items():
            for path, item in document.get("paths", {}).items():
                for verb, operation in item.items():
                    if isinstance(operation, dict) and "operationId" in operation:
                        self.operations[operation["operationId"]] = (name, operation)

    def resolve(self, name, node):
        """Follow $ref (local or to another file of the folder) until a node."""
        while isinstance(node, dict) and "$ref" in node:
            target, _, pointer = node["$ref"].partition("#")
            if target:
                name = target.rsplit("/", 1)[-1]
            node = self.documents[name]
            for key in pointer.strip("/").split("/"):
                node = node[key]
        return name, node

    def answer(self, operation_id):
        """(status, example body or None) of the operation's success answer."""
        name, operation = self.operations[operation_id]
        for code in ("200", "204"):
            response = operation["responses"].get(code)
            if response is None:
                continue
            name, response = self.resolve(name, response)
            content = response.get("content", {}).get("application/json")
            if not content:
                return int(code), None
            return int(code), self.example(name, content)
        raise KeyError(operation_id)

    def example(self, name, content):
        if "examples" in content:
            first = list(content["examples"].values())[0]
            return self.resolve(name, first)[1].get("value")
        name, schema = self.resolve(name, content["schema"])
        examples = schema.get("examples")
        if isinstance(examples, dict):
            examples = list(examples.values())
        if not examples:
            return None
        first = examples[0]
        return first["value"] if "status" not in first and "value" in first else first

    def schema_at(self, operation_id, *properties):
        """The schema of a piece of the operation's 200 answer, e.g. ('data',)."""
        name, operation = self.operations[operation_id]
        name, response = self.resolve(name, operation["responses"]["200"])
        name, schema = self.resolve(name, response["content"]["application/json"])
        name, schema = self.resolve(name, schema["schema"])
        for key in properties:
            name, schema = self.resolve(name, schema["properties"][key])
        return schema


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def permissions_answer(oas):
    """Get My Permissions has no example: every permission of its schema, read only."""
    fields = oas.schema_at("getMyPermissions", "data", "permissions")
    names = list(fields["properties"])
    permissions = {name: name == "read" for name in names}
    return {
        "status": "success",
        "summary": "Get my permissions",
        "data": {"permissions": permissions},
    }


def multipart(filename, content):
    """A recorded multipart body: the file in part FILE, as the client sends it."""
    return (
        '--%s\r\nContent-Disposition: form-data; name="FILE"; filename="%s"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n%s\r\n--%s--\r\n"
        % (BOUNDARY, filename, content, BOUNDARY)
    )


def call(method, path, status, body, config=None, extras=None):
    """One API interaction, with a DATA parameter, upload or download as asked."""
    extras = extras or {}
    content_type = "application/json;charset=UTF-8"
    if "download" in extras:
        body, content_type = extras["download"], "text/csv;charset=UTF-8"
    request_headers = dict(extras.get("request_headers", {}))
    if "upload" in extras:
        media = "multipart/form-data; boundary=" + BOUNDARY
        request_headers["Content-Type"] = [media]
    made = interaction(
        method,
        path,
        status,
        body,
        config,
        content_type=content_type,
        request_headers=request_headers,
    )
    if "data" in extras:
        separator = "&" if config else "?"
        made["request"]["uri"] += (
            separator + "DATA=" + urllib.parse.quote_plus(json.dumps(extras["data"]))
        )
    if "upload" in extras:
        made["request"]["body"] = multipart(*extras["upload"])
    return made


def answer_text(oas, operation_id, extras):
    if operation_id == "getMyPermissions":
        return 200, compact(permissions_answer(oas))
    status, example = oas.answer(operation_id)
    if example is None:
        return status, ""
    if "rename" in extras:
        old, new = extras["rename"]
        example = json.loads(json.dumps(example))
        example["data"][new] = example["data"].pop(old)
    return status, compact(example)


def write_calls(oas, module, calls):
    for entry in calls:
        name, method, path, operation_id, config = entry[:5]
        extras = entry[5] if len(entry) > 5 else {}
        status, body = answer_text(oas, operation_id, extras)
        test = "test_%s_%s" % (name, extras.get("case", "example"))
        write(
            module,
            test,
            [token_interaction(), call(method, path, status, body, config, extras)],
        )


def write_batches(oas):
    jobs = [
        (
            "test_import_data_as_batches_three",
            "batchImportExistingTable",
            BULK + "/views/%s/data/batch" % VIEW_ID,
            {"importType": "append", "autoIdentify": "true"},
            2,
        ),
        (
            "test_import_data_in_new_table_as_batches_two",
            "batchImportNewTable",
            BULK + "/data/batch",
            {"tableName": "Sales", "autoIdentify": "true"},
            3,
        ),
    ]
    for test, operation_id, path, config, batch_size in jobs:
        status, example = oas.answer(operation_id)
        assert example["data"]["batchKey"] == BATCH_KEYS[operation_id]
        bodies = batch_bodies(batch_size)
        interactions = [token_interaction()]
        key = "start"
        for number, body in enumerate(bodies, 1):
            last = "true" if number == len(bodies) else "false"
            batch_config = dict(config, batchKey=key, isLastBatch=last)
            upload = {"upload": ("batches.csv", body)}
            interactions.append(
                call("POST", path, status, compact(example), batch_config, upload)
            )
            key = example["data"]["batchKey"]
        write("test_batches", test, interactions)


def main(argv):
    if not argv or not os.path.isdir(argv[0]):
        sys.stderr.write(
            "cassettes_view_bulk: pass the folder of Zoho's OpenAPI files to write "
            "the ViewAPI and BulkAPI cassettes; none written\n"
        )
        return
    oas = OAS(argv[0])
    write_calls(oas, "test_view", VIEW_CALLS)
    write_calls(oas, "test_bulk", BULK_CALLS)
    write_batches(oas)


if __name__ == "__main__":
    main(sys.argv[1:])
