"""Shared by the samples: a client for your Zoho account, or for the local sandbox.

With ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN set, a sample talks
to Zoho; without them it starts the sandbox (samples/sandbox.py), a local server
that answers like Zoho, and runs there.
"""

import contextlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from AnalyticsClient import AnalyticsClient  # noqa: E402


@contextlib.contextmanager
def analytics_client(client_id, client_secret, refresh_token, org_id, workspace_id):
    """Yield (client, org id, workspace id) for your account, else for the sandbox."""
    if client_id and client_secret and refresh_token:
        if not org_id or not workspace_id:
            raise SystemExit("set ZOHO_ORG_ID and ZOHO_WORKSPACE_ID as well")
        with AnalyticsClient(client_id, client_secret, refresh_token) as ac:
            yield ac, org_id, workspace_id
        return

    from sandbox import Sandbox

    with Sandbox() as sandbox:
        print(
            "No Zoho credentials (ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, "
            "ZOHO_REFRESH_TOKEN): running against the local sandbox at %s"
            % sandbox.url,
            file=sys.stderr,
        )
        with AnalyticsClient(
            Sandbox.CLIENT_ID, Sandbox.CLIENT_SECRET, Sandbox.REFRESH_TOKEN
        ) as ac:
            ac.accounts_server_url = ac.analytics_server_url = sandbox.url
            yield ac, Sandbox.ORG_ID, Sandbox.WORKSPACE_ID
