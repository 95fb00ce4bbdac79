"""Who gets in to a running `roundtable serve`: the token, the origin, the viewer limit,
stopping — against the real server on loopback with real HTTP and websocket clients."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from roundtable.domain.config import TeamConfig
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.errors import ConfigError
from roundtable.serve.access import read_token_file
from tests.serve.conftest import (
    Served,
    Viewer,
    alive,
    children,
    files,
    get,
    start_meeting,
    start_server,
    upgrade_status,
    wait_until,
)

FORBIDDEN = "403: Forbidden\n"


def test_without_the_token_every_route_is_403_and_nothing_else(served: Served) -> None:
    for path in ("/", "/static/js/textual.js", "/download/abc", "/ws", "/nothing-here"):
        status, body, _headers = get(served.base + path)
        assert (status, body) == (403, FORBIDDEN), path


def test_a_wrong_token_is_403_too(served: Served) -> None:
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    for url in (
        f"{served.base}/?token={wrong}",
        f"{served.base}/?token=",
        f"{served.base}/static/js/textual.js?token={wrong}",
        f"{served.base}/ws/{wrong}",
    ):
        status, body, _headers = get(url)
        assert (status, body) == (403, FORBIDDEN), url
    status, body, _headers = get(served.base + "/", {"Cookie": f"roundtable_token={wrong}"})
    assert (status, body) == (403, FORBIDDEN)


async def test_the_websocket_wants_the_token_and_our_origin(served: Served) -> None:
    assert await upgrade_status(served.websocket_url(), served.origin) == 403
    wrong = served.token.swapcase()
    assert await upgrade_status(served.websocket_url(wrong), served.origin) == 403
    # A page of another site, opened in the attendee's browser, knows nothing of the token
    # here; but even with it the upgrade is refused for its origin.
    for origin in ("https://evil.example", "null", "http://127.0.0.1:1"):
        assert await upgrade_status(served.websocket_url(served.token), origin) == 403, origin


def test_the_page_carries_the_token_into_its_own_urls_and_nothing_from_outside(
    served: Served,
) -> None:
    status, body, headers = get(served.url + "&fontsize=28")
    assert status == 200
    assert f'data-session-websocket-url="ws://{served.base[7:]}/ws/{served.token}"' in body
    assert 'data-font-size="28"' in body
    assert f"/static/js/textual.js?token={served.token}" in body
    # No font or script from a third party: attendees' browsers talk to us only.
    assert not re.search(r"(src|href)=\"https?://", body)
    assert "<title>Nordwerk Systems GmbH — Marketing &amp; Sales Round Table</title>" in body
    cookie = headers["Set-Cookie"]
    assert f"roundtable_token={served.token}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # The cookie alone is enough for the assets and downloads textual.js asks for.
    status, _body, _headers = get(
        served.base + "/static/css/xterm.css", {"Cookie": f"roundtable_token={served.token}"}
    )
    assert status == 200


def test_behind_a_reverse_proxy_the_urls_are_the_proxys(served: Served) -> None:
    status, body, _headers = get(
        served.url,
        {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "meet.nordwerk.example",
            "X-Forwarded-Prefix": "/roundtable/",
        },
    )
    assert status == 200
    assert (
        f'data-session-websocket-url="wss://meet.nordwerk.example/roundtable/ws/{served.token}"'
        in body
    )
    assert f'src="/roundtable/static/js/textual.js?token={served.token}"' in body
    # A prefix that is not a plain path is ignored rather than put into the page.
    status, body, _headers = get(served.url, {"X-Forwarded-Prefix": '/x"><script>'})
    assert "<script>" not in body.split("<body>", 1)[1]
    assert f'src="/static/js/textual.js?token={served.token}"' in body


async def test_behind_a_reverse_proxy_the_proxys_origin_is_ours(served: Served) -> None:
    url = served.websocket_url(served.token)
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(
            url,
            headers={
                "Origin": "https://meet.nordwerk.example",
                "X-Forwarded-Host": "meet.nordwerk.example",
            },
        ) as socket,
    ):
        await socket.close()


async def test_a_viewer_gets_the_meeting_and_leaves_no_process_or_write_behind(
    served: Served,
) -> None:
    folder = served.db.parent
    before = files(folder)
    async with aiohttp.ClientSession() as session:
        viewers = [
            Viewer(session, served.websocket_url(served.token), served.origin) for _ in range(2)
        ]
        for viewer in viewers:
            await viewer.open()
        for viewer in viewers:
            await viewer.wait_for(lambda screen: b"Open action items" in screen)
        processes = children(served.process.pid)
        assert len(processes) == 2
        for viewer in viewers:
            await viewer.close()
        for process in processes:
            wait_until(lambda process=process: not alive(process))
    assert files(folder) == before


async def test_the_viewer_limit_turns_the_next_one_away_with_a_plain_page(
    tmp_path: Path, team: TeamConfig
) -> None:
    db = tmp_path / "roundtable.db"
    start_meeting(db, team)
    server = start_server(db, "--max-viewers", "1")
    try:
        async with aiohttp.ClientSession() as session:
            first = Viewer(session, server.websocket_url(server.token), server.origin)
            await first.open()
            await first.wait_for(lambda screen: b"Open action items" in screen)
            status, body, _headers = get(server.url)
            assert status == 503
            assert "already has 1 viewer," in body
            assert "textual.js" not in body
            assert await upgrade_status(server.websocket_url(server.token), server.origin) == 503
            await first.close()
            wait_until(lambda: get(server.url)[0] == 200)
    finally:
        server.stop()


async def test_stopping_the_server_ends_every_viewers_process(
    tmp_path: Path, team: TeamConfig
) -> None:
    db = tmp_path / "roundtable.db"
    start_meeting(db, team)
    server = start_server(db)
    stopped = False
    try:
        async with aiohttp.ClientSession() as session:
            viewers = [
                Viewer(session, server.websocket_url(server.token), server.origin) for _ in range(2)
            ]
            for viewer in viewers:
                await viewer.open()
            for viewer in viewers:
                await viewer.wait_for(lambda screen: b"Open action items" in screen)
            processes = children(server.process.pid)
            assert len(processes) == 2
            assert server.stop() == 0
            stopped = True
            for process in processes:
                wait_until(lambda process=process: not alive(process), timeout=10)
            for viewer in viewers:
                await viewer.closed.wait()
    finally:
        if not stopped:
            server.stop()


def serve_command(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "roundtable",
            "--config",
            str(shipped_defaults_dir()),
            "--db",
            str(cwd / "roundtable.db"),
            "serve",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_a_fixed_token_comes_from_the_token_file(tmp_path: Path, team: TeamConfig) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("  Nordwerk-roundtable-2026_wall.screen  \n", encoding="utf-8")
    db = tmp_path / "roundtable.db"
    server = start_server(db, "--token-file", str(token_file))
    try:
        assert server.token == "Nordwerk-roundtable-2026_wall.screen"
        assert get(server.url)[0] == 200
    finally:
        server.stop()
    assert not db.exists()  # serving never creates the store


def test_a_bad_token_file_is_one_clear_error(tmp_path: Path) -> None:
    short = tmp_path / "short"
    short.write_text("secret\n", encoding="utf-8")
    for token_file, says in (
        (short, "at least 16 characters"),
        (tmp_path / "missing", "cannot read the token file"),
    ):
        result = serve_command("--token-file", str(token_file), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"roundtable: {token_file}")
        assert says in result.stderr
        assert "Traceback" not in result.stderr


def test_a_token_goes_into_a_link_so_it_holds_only_what_a_link_can(tmp_path: Path) -> None:
    spaced = tmp_path / "spaced"
    spaced.write_text("a token with spaces in it\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        read_token_file(spaced)
    assert raised.value.message == (
        f"{spaced}:1: the token may hold only letters, digits and - _ . ~ (it goes into a link)"
    )
    fine = tmp_path / "fine"
    fine.write_text("\n  Nordwerk-2026_wall.screen~x \nsecond line\n", encoding="utf-8")
    assert read_token_file(fine) == "Nordwerk-2026_wall.screen~x"


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    for args, says in (
        (("--port", "70000"), "not a port number"),
        (("--max-viewers", "0"), "not a number of viewers"),
    ):
        result = serve_command(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert says in result.stderr
        assert "Traceback" not in result.stderr


def test_a_port_in_use_is_said_plainly(served: Served, tmp_path: Path) -> None:
    port = served.base.rsplit(":", 1)[1]
    result = serve_command("--port", port, cwd=tmp_path)
    assert result.returncode == 2
    assert f"Cannot listen on 127.0.0.1 port {port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_store_is_refused_before_anything_listens(tmp_path: Path) -> None:
    db = tmp_path / "roundtable.db"
    db.write_text("{ not a store", encoding="utf-8")
    result = serve_command(cwd=tmp_path)
    assert result.returncode == 3
    assert str(db) in result.stderr
    assert "Open:" not in result.stdout
    assert db.read_text(encoding="utf-8") == "{ not a store"
