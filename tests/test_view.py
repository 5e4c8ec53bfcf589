"""ViewAPI, one replayed cassette per method (built by cassettes_view_bulk.py)."""

import pytest

from recorded import recorded_answer, replayed

VIEW_ID = "1767024000003145011"
COLUMN_ID = "1767024000003145017"
FORMULA_ID = "1767024000009120246"
AGGREGATE_ID = "1767024000009137000"
TAG_IDS = ["35130000011774006", "35130000011778018"]
CRITERIA = '"Sales"."Region"=\'East\''
ROW = {"Region": "East", "Sales": "1000"}


@pytest.fixture
def view(zoho):
    return zoho.get_view_instance("55522777", "35130000001055707", VIEW_ID)


def answer_data(vcr):
    return recorded_answer(vcr)["data"]


@pytest.mark.vcr
def test_rename_example(view, vcr):
    assert view.rename("Sales 2024") is None
    replayed(vcr, {"viewName": "Sales 2024"})


@pytest.mark.vcr
def test_delete_example(view, vcr):
    assert view.delete() is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_save_as_example(view, vcr):
    assert view.save_as("Sales Copy") == 1767024000004723001
    replayed(vcr, {"viewName": "Sales Copy"})


@pytest.mark.vcr
def test_copy_formulas_example(view, vcr):
    result = view.copy_formulas(
        ["Avg_Cost", "Avg_Sales"], "1767024000003145002", dest_org_id=55522778
    )
    assert result is None
    expected = {
        "formulaColumnNames": ["Avg_Cost", "Avg_Sales"],
        "destWorkspaceId": "1767024000003145002",
    }
    replayed(vcr, expected)
    assert "55522778" in str(vcr.requests[-1].headers["ZANALYTICS-DEST-ORGID"])


@pytest.mark.vcr
def test_add_favorite_example(view, vcr):
    assert view.add_favorite() is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_remove_favorite_example(view, vcr):
    assert view.remove_favorite() is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_create_similar_views_example(view, vcr):
    assert (
        view.create_similar_views("1767024000003145012", "1767024000003145001") is None
    )
    expected = {
        "referenceViewId": "1767024000003145012",
        "folderId": "1767024000003145001",
    }
    replayed(vcr, expected)


@pytest.mark.vcr
def test_auto_analyse_example(view, vcr):
    assert view.auto_analyse() is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_my_permissions_example(view, vcr):
    permissions = view.get_my_permissions()
    assert permissions == answer_data(vcr)["permissions"]
    assert permissions["read"] is True and permissions["export"] is False
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_view_url_example(view, vcr):
    url = view.get_view_url()
    assert (
        url
        == "https://analyticsapi.zoho.com/open-view/1767024000003145011?ZDB_THEME_NAME=blue"
    )
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_embed_url_example(view, vcr):
    url = view.get_embed_url({"criteria": CRITERIA})
    assert url.startswith(
        "https://analyticsapi.zoho.com/open-view/1767024000003145011?"
    )
    replayed(vcr, {"criteria": CRITERIA})


@pytest.mark.vcr
def test_get_private_url_example(view, vcr):
    url = view.get_private_url()
    assert url == answer_data(vcr)["privateUrl"]
    assert url.endswith("/1767024000003145011/eee1191ea88d52e486aaecf5f748dc56")
    replayed(vcr, None)


@pytest.mark.vcr
def test_create_private_url_example(view, vcr):
    url = view.create_private_url()
    assert url.endswith("/1767024000003145011/eee1191ea88d52e486aaecf5f748dc56")
    replayed(vcr, None)


@pytest.mark.vcr
def test_remove_private_access_example(view, vcr):
    assert view.remove_private_access() is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_make_view_public_example(view, vcr):
    url = view.make_view_public()
    assert url == "https://analytics.zoho.com/open-view/1767024000008125004"
    replayed(vcr, None)


@pytest.mark.vcr
def test_remove_public_access_example(view, vcr):
    assert view.remove_public_access() is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_publish_configurations_example(view, vcr):
    configurations = view.get_publish_configurations()
    assert configurations == answer_data(vcr)
    assert configurations["privateLinkConfig"]["isPrivate"] is False
    replayed(vcr, None)


@pytest.mark.vcr
def test_update_publish_configurations_example(view, vcr):
    config = {"includeTitle": True, "includeDesc": False}
    assert view.update_publish_configurations(config) is None
    replayed(vcr, {"includeTitle": True, "includeDesc": False})
    assert config == {"includeTitle": True, "includeDesc": False}  # not changed


@pytest.mark.vcr
def test_add_column_example(view, vcr):
    assert view.add_column("Profit", "CURRENCY") == 1767024000003145017
    replayed(vcr, {"columnName": "Profit", "dataType": "CURRENCY"})


@pytest.mark.vcr
def test_hide_columns_example(view, vcr):
    assert view.hide_columns([COLUMN_ID]) is None
    replayed(vcr, {"columnIds": [COLUMN_ID]})


@pytest.mark.vcr
def test_show_columns_example(view, vcr):
    assert view.show_columns([COLUMN_ID]) is None
    replayed(vcr, {"columnIds": [COLUMN_ID]})


@pytest.mark.vcr
def test_add_row_example(view, vcr):
    result = view.add_row(ROW)
    assert result == {
        "addedColumns": {"region": "East", "Sales": "1000"},
        "invalidColumns": {},
    }
    replayed(vcr, {"columns": {"Region": "East", "Sales": "1000"}})


@pytest.mark.vcr
def test_update_row_example(view, vcr):
    result = view.update_row(ROW, CRITERIA)
    assert result["updatedRows"] == 27 and result == answer_data(vcr)
    replayed(
        vcr, {"columns": {"Region": "East", "Sales": "1000"}, "criteria": CRITERIA}
    )


@pytest.mark.vcr
def test_delete_row_example(view, vcr):
    assert view.delete_row(CRITERIA) == 27
    replayed(vcr, {"criteria": CRITERIA})


@pytest.mark.vcr
def test_rename_column_example(view, vcr):
    assert view.rename_column(int(COLUMN_ID), "Net Sales") is None
    replayed(vcr, {"columnName": "Net Sales"})


@pytest.mark.vcr
def test_delete_column_example(view, vcr):
    assert view.delete_column(COLUMN_ID) is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_add_lookup_example(view, vcr):
    result = view.add_lookup(COLUMN_ID, "1767024000003145012", "1767024000003145013")
    assert result is None
    expected = {
        "referenceViewId": "1767024000003145012",
        "referenceColumnId": "1767024000003145013",
    }
    replayed(vcr, expected)


@pytest.mark.vcr
def test_remove_lookup_example(view, vcr):
    assert view.remove_lookup(COLUMN_ID) is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_auto_analyse_column_example(view, vcr):
    assert view.auto_analyse_column(COLUMN_ID) is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_refetch_data_example(view, vcr):
    assert view.refetch_data() is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_last_import_details_example(view, vcr):
    details = view.get_last_import_details()
    assert details == answer_data(vcr)
    assert details["rows"]["success"] == "755"
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_formula_columns_example(view, vcr):
    formulas = view.get_formula_columns()
    assert [formula["formulaName"] for formula in formulas] == ["C1", "Formula 2"]
    replayed(vcr, None)


@pytest.mark.vcr
def test_add_formula_column_example(view, vcr):
    assert view.add_formula_column("F1", '"Sales" - "Cost"') == FORMULA_ID
    replayed(vcr, {"formulaName": "F1", "expression": '"Sales" - "Cost"'})


@pytest.mark.vcr
def test_edit_formula_column_example(view, vcr):
    expression = '"Sales" - "Cost" + "Adjustment"'
    assert view.edit_formula_column(FORMULA_ID, expression) is None
    replayed(vcr, {"expression": '"Sales" - "Cost" + "Adjustment"'})


@pytest.mark.vcr
def test_delete_formula_column_example(view, vcr):
    assert view.delete_formula_column(FORMULA_ID) is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_aggregate_formulas_example(view, vcr):
    formulas = view.get_aggregate_formulas()
    assert formulas == [
        {"formulaId": "1767024000009120001", "formulaName": "SumOfSales"}
    ]
    replayed(vcr, None)


@pytest.mark.vcr
def test_add_aggregate_formula_example(view, vcr):
    assert view.add_aggregate_formula("AF1", 'sum("Sales")') == AGGREGATE_ID
    replayed(vcr, {"formulaName": "AF1", "expression": 'sum("Sales")'})


@pytest.mark.vcr
def test_edit_aggregate_formula_example(view, vcr):
    assert view.edit_aggregate_formula(AGGREGATE_ID, 'avg("Sales")') is None
    replayed(vcr, {"expression": 'avg("Sales")'})


@pytest.mark.vcr
def test_delete_aggregate_formula_example(view, vcr):
    assert view.delete_aggregate_formula(AGGREGATE_ID) is None
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_view_dependents_example(view, vcr):
    views = view.get_view_dependents()
    assert [item["viewName"] for item in views] == ["Go_QT", "QT_CURL"]
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_column_dependents_example(view, vcr):
    dependents = view.get_column_dependents(COLUMN_ID)
    assert dependents == answer_data(vcr)
    assert sorted(dependents) == ["aggregateFormulas", "customFormulas", "views"]
    replayed(vcr, None)


@pytest.mark.vcr
def test_update_shared_details_example(view, vcr):
    config = {"emailIds": ["user1@example.com"], "permissions": {"read": True}}
    assert view.update_shared_details(config) is None
    replayed(vcr, {"emailIds": ["user1@example.com"], "permissions": {"read": True}})


@pytest.mark.vcr
def test_get_table_metadata_example(view, vcr):
    columns = view.get_table_metadata()
    assert [column["columnName"] for column in columns] == [
        "Product",
        "precol",
        "Sales",
    ]
    assert columns == answer_data(vcr)["columns"]
    replayed(vcr, None)


@pytest.mark.vcr
def test_get_datasources_example(view, vcr):
    sources = view.get_datasources()
    assert sources[0]["datasourceId"] == "100003000000032016"
    assert sources == answer_data(vcr)["dataSources"]
    replayed(vcr, None)


@pytest.mark.vcr
def test_sort_data_by_columns_example(view, vcr):
    assert view.sort_data_by_columns([COLUMN_ID], 2) is None
    replayed(vcr, {"columns": [COLUMN_ID], "sortOrder": 2})


@pytest.mark.vcr
def test_reorder_columns_example(view, vcr):
    order = ["2531676000011845005", "2531676000011845008"]
    assert view.reorder_columns(order) is None
    replayed(vcr, {"columns": ["2531676000011845005", "2531676000011845008"]})


@pytest.mark.vcr
def test_get_view_tags_example(view, vcr):
    tags = view.get_view_tags()
    assert [tag["name"] for tag in tags] == ["S6", "S8"]
    replayed(vcr, None)


@pytest.mark.vcr
def test_add_tags_to_view_example(view, vcr):
    assert view.add_tags_to_view(TAG_IDS) is None
    replayed(vcr, {"tagIds": ["35130000011774006", "35130000011778018"]})


@pytest.mark.vcr
def test_remove_tags_from_view_example(view, vcr):
    assert view.remove_tags_from_view(TAG_IDS[:1]) is None
    replayed(vcr, {"tagIds": ["35130000011774006"]})


@pytest.mark.vcr
def test_remove_tags_from_view_all(view, vcr):
    assert view.remove_tags_from_view(None, {"dissociateAll": True}) is None
    replayed(vcr, {"dissociateAll": True})
