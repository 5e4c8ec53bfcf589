"""The public surface: Zoho's official methods, camelCase aliases, __all__.

official_surface.json is generated from the table of Zoho's official client by
make_surface.py. Every official method must exist with the same parameter names,
order and defaults, except that an official ``{}`` default is ``None`` here.
"""

import inspect
import json
import os
import re

import pytest

import AnalyticsClient as M

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = ["AnalyticsClient", "OrgAPI", "WorkspaceAPI", "ViewAPI", "BulkAPI"]

# Deliberate differences from the official signatures, each with its reason.
DIFFERENCES = {
    ("AnalyticsClient", "set_proxy"): "proxy_user_name and proxy_password default "
    "to None so that a proxy without a login needs no placeholders",
}


def official_methods(cls_name):
    with open(os.path.join(HERE, "official_surface.json")) as handle:
        methods = json.load(handle)
    return [m for m in methods if m["class"] == cls_name]


def _camel(name):
    """get_import_job_details -> getImportJobDetails."""
    head, *rest = name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def _expected_default(param):
    if "default" not in param:
        return inspect.Parameter.empty
    return None if param["default"] == {} else param["default"]


def signature_problems(cls, method):
    """What differs between one official method and ours (empty when nothing)."""
    name = method["method"]
    ours = getattr(cls, name, None)
    if not inspect.isfunction(ours):
        return ["%s is missing" % name]
    params = list(inspect.signature(ours).parameters.values())[1:]
    names = [param.name for param in params]
    wanted = [param["name"] for param in method["params"]]
    if names != wanted:
        return ["%s%s: parameters %s" % (name, wanted, names)]
    problems = []
    for param, official in zip(params, method["params"]):
        default = _expected_default(official)
        if param.default is not default and param.default != default:
            problems.append(
                "%s: %s defaults to %r, not %r"
                % (name, param.name, param.default, default)
            )
    return problems


def public_methods(cls):
    return [
        name
        for name, value in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and name == name.lower()
    ]


@pytest.mark.parametrize("cls_name", CLASSES)
def test_official_methods_present(cls_name):
    cls = getattr(M, cls_name)
    problems = []
    for method in official_methods(cls_name):
        if (cls_name, method["method"]) not in DIFFERENCES:
            problems.extend(signature_problems(cls, method))

    assert problems == []


def test_official_methods_differences_still_differ():
    for (cls_name, name), reason in DIFFERENCES.items():
        (method,) = [m for m in official_methods(cls_name) if m["method"] == name]
        assert signature_problems(getattr(M, cls_name), method), reason


# Spellings of Zoho's Java client that the camelCase rule does not produce.
JAVA_SPELLINGS = {"initiateBulkExportUsingSQL": "initiate_bulk_export_using_sql"}


@pytest.mark.parametrize("cls_name", CLASSES)
def test_camel_case_aliases(cls_name):
    cls = getattr(M, cls_name)
    snake = public_methods(cls)
    missing = [
        name
        for name in snake
        if getattr(cls, _camel(name), None) is not getattr(cls, name)
    ]
    camel = [
        name
        for name in dir(cls)
        if re.match(r"^[a-z]+[A-Z]", name) and callable(getattr(cls, name))
    ]
    strays = [
        name
        for name in camel
        if not any(
            _camel(s) == name and getattr(cls, name) is getattr(cls, s) for s in snake
        )
        and getattr(cls, JAVA_SPELLINGS.get(name, ""), None) is not getattr(cls, name)
    ]

    assert (missing, strays) == ([], [])


def test_camel_case_of_snake_names():
    assert _camel("get_import_job_details") == "getImportJobDetails"
    assert _camel("copy") == "copy"
    assert _camel("get_automl_analyses") == "getAutomlAnalyses"


def test_all_is_pinned():
    assert M.__all__ == [
        "AnalyticsClient",
        "OrgAPI",
        "WorkspaceAPI",
        "ViewAPI",
        "BulkAPI",
        "AnalyticsError",
        "ServerException",
        "ParseException",
        "IOException",
        "TimeoutException",
        "AuthenticationException",
        "RateLimitException",
        "UnitsExhaustedException",
        "JobBusyException",
        "JobFailedException",
        "JobTimeoutException",
        "ServerError",
        "ParseError",
        "FileTokenCache",
        "DATA_CENTRES",
        "__version__",
    ]
    assert all(hasattr(M, name) for name in M.__all__)
