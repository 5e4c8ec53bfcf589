"""Write the hand-built cassettes in cassettes/ from Zoho's documented answers.

No live Zoho account is reachable where this project is developed, so every
cassette is built from Zoho's documented responses (the OpenAPI examples) rather
than recorded. Each cassette holds the token exchange and the call under test,
exactly as a recording with secrets filtered would. To replace them with real
recordings, see README.md ("Cassettes").

Run: python tests/make_cassettes.py OAS_FOLDER   (rewrites the files it knows about)
"""

import json
import os
import sys
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from AnalyticsClient import __version__  # noqa: E402

API = "https://analyticsapi.zoho.com"
ACCOUNTS = "https://accounts.zoho.com"
ORG_ID = "55522777"
WORKSPACE_ID = "35130000001055707"
CLIENT_ID = "1000.CASSETTECLIENT"
USER_AGENT = "Analytics Python Client v" + __version__

TOKEN_REQUEST = {
    "method": "POST",
    "uri": ACCOUNTS + "/oauth/v2/token",
    "body": urllib.parse.urlencode(
        [
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT_ID),
            ("client_secret", "REDACTED"),
            ("refresh_token", "REDACTED"),
        ]
    ),
    "headers": {
        "Content-Type": ["application/x-www-form-urlencoded"],
        "User-Agent": [USER_AGENT],
    },
}
TOKEN_ANSWER = {
    "access_token": "REDACTED",
    "api_domain": "https://www.zohoapis.com",
    "token_type": "Bearer",
    "expires_in": 3600,
}

SEED_JOB = (
    '{"status":"success","summary":"Fetch import job info","data":{"jobId":'
    '"1767024000003153087","jobCode":"1004","jobStatus":"JOB COMPLETED","jobInfo":'
    '{"viewId":"1767024000003154002","importSummary":{"importType":"APPEND",'
    '"totalColumnCount":7,"selectedColumnCount":7,"totalRowCount":755,'
    '"successRowCount":755,"warnings":0,"importOperation":"created"},'
    '"columnDetails":{"Date":"Date","Region":"Plain Text","Product Category":'
    '"Plain Text","Product":"Plain Text","Customer Name":"Plain Text","Sales":'
    '"Currency","Cost":"Currency"},"importErrors":""},"expiryTime":"1623764592309"}}'
)


def zoho_error(code, summary, message):
    return json.dumps(
        {
            "status": "failure",
            "summary": summary,
            "data": {"errorCode": code, "errorMessage": message},
        },
        separators=(",", ":"),
    )


def interaction(method, path, status, body, config=None, org=True, content_type="application/json;charset=UTF-8", request_headers=None):
    uri = API + path
    if config:
        uri += "?CONFIG=" + urllib.parse.quote_plus(json.dumps(config))
    headers = {"Authorization": ["Zoho-oauthtoken REDACTED"], "User-Agent": [USER_AGENT]}
    if org:
        headers["ZANALYTICS-ORGID"] = [ORG_ID]
    headers.update(request_headers or {})
    return {
        "request": {"method": method, "uri": uri, "body": None, "headers": headers},
        "response": {
            "status": {"code": status, "message": REASONS.get(status, "")},
            "headers": {"Content-Type": [content_type]},
            "body": {"string": body},
        },
    }


def token_interaction():
    return {
        "request": dict(TOKEN_REQUEST),
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json;charset=UTF-8"]},
            "body": {"string": json.dumps(TOKEN_ANSWER, separators=(",", ":"))},
        },
    }


REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
           403: "Forbidden", 404: "Not Found", 429: "Too Many Requests",
           500: "Internal Server Error", 502: "Bad Gateway"}


def write(module, name, interactions):
    """Write cassettes/<module>/<name>.yaml in vcrpy's format."""
    import yaml  # PyYAML comes with vcrpy

    folder = os.path.join(ROOT, "cassettes", module)
    os.makedirs(folder, exist_ok=True)
    cassette = {"interactions": interactions, "version": 1}
    path = os.path.join(folder, name + ".yaml")
    with open(path, "w") as handle:
        yaml.safe_dump(cassette, handle, default_flow_style=False, width=88)
    return path


JOB_PATH = "/restapi/v2/bulk/workspaces/%s/importjobs/%%s" % WORKSPACE_ID


def headline():
    """The import-job-details cassettes: the seed answer and the documented errors."""
    job = "1767024000003153087"
    for name in ("seed", "java_names"):
        write("test_import_job_details", "test_get_import_job_details_" + name,
              [token_interaction(), interaction("GET", JOB_PATH % job, 200, SEED_JOB)])
    errors = {
        "8137": (404, 8137, "IMPORT_JOB_NOT_FOUND",
                 "Import job not found. Please check whether the job id is valid."),
        "8138": (403, 8138, "IMPORT_JOB_ACCESS_DENIED",
                 "You do not have permission to access the import job."),
    }
    for name, (status, code, summary, message) in errors.items():
        write("test_import_job_details", "test_get_import_job_details_" + name,
              [token_interaction(),
               interaction("GET", JOB_PATH % "1767024000003153999", status,
                           zoho_error(code, summary, message))])
    missing_ws = "/restapi/v2/bulk/workspaces/35130000009999999/importjobs/1767024000003153087"
    write("test_import_job_details", "test_get_import_job_details_7103",
          [token_interaction(),
           interaction("GET", missing_ws, 404, zoho_error(
               7103, "META_OBJECT_NOT_PRESENT",
               "Workspace not found! Please check whether the workspace exists."))])
    write("test_import_job_details", "test_get_import_job_details_token_expired",
          [token_interaction(),
           interaction("GET", JOB_PATH % job, 401,
                       zoho_error(8535, "INVALID_OAUTHTOKEN", "Invalid Oauthtoken")),
           token_interaction(),
           interaction("GET", JOB_PATH % job, 200, SEED_JOB)])


if __name__ == "__main__":
    headline()
    import cassettes_view_bulk  # noqa: E402
    import cassettes_workspace  # noqa: E402

    cassettes_workspace.main(sys.argv[1:])
    cassettes_view_bulk.main(sys.argv[1:])
