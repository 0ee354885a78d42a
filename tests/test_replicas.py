"""Two replicas behind nginx (deploy/nginx.conf, tools/replicas.py), both reading one database file: each
browser keeps to one replica by its cookie, browsers spread over both, and page runs over the proxied
websocket see no error. Throughput through the proxy is a benchmark figure (make load LOAD_ARGS=--proxy)."""
from __future__ import annotations

import urllib.request

import pytest

from tools import load, replicas

pytestmark = pytest.mark.skipif(replicas.nginx_path() is None,
                                reason="nginx is not installed (apt-get install nginx; .ci/run installs it)")


def _replica(url: str, cookie: str | None = None) -> tuple[str, list[str]]:
    request = urllib.request.Request(url + "/", headers={"Cookie": f"lybl_replica={cookie}"} if cookie else {})
    with urllib.request.urlopen(request) as response:
        return response.headers["X-Lybl-Replica"], response.headers.get_all("Set-Cookie") or []


def test_two_replicas_behind_nginx_keep_each_browser_and_serve_every_page(built_db):
    with replicas.deployment(2, env={"LYBL_DB": str(built_db)}) as (url, ours, _):
        answered = {f"browser-{i}": {_replica(url, f"browser-{i}")[0] for _ in range(3)} for i in range(8)}
        assert all(len(seen) == 1 for seen in answered.values()), answered  # sticky
        assert set().union(*answered.values()) == {u.removeprefix("http://") for u in ours}  # spread over both
        _, cookie = _replica(url)  # a new browser is given its cookie; one that has it is not given another
        assert cookie and cookie[0].startswith("lybl_replica=") and not _replica(url, "browser-0")[1]
        ws = load.ws_of(url)
        visited = load.tour(ws, load.PAGES)
        stats = load.drive(ws, load.PAGES, sessions=4, seconds=8, cookies=True)
    assert [page for page, _ in visited["runs"]] == load.PAGES
    for found in (load.summary(visited, 1, 1), load.summary(stats, 4, 8)):
        assert found["runs"] and found["errors"] == 0 and found["dropped"] == 0, found
