"""What `roundtable.serve.server` relies on inside textual-serve (pinned below 1.2 in
pyproject): if an upgrade moves any of it, this fails before a browser does."""

from __future__ import annotations

import inspect
from pathlib import Path

import textual_serve
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from roundtable.serve.server import FollowServer, ViewerService

STATIC = Path(textual_serve.__file__).parent / "static"


def test_the_app_service_still_opens_its_process_where_we_replace_it() -> None:
    assert "_open_app_process" in vars(AppService)
    assert list(inspect.signature(AppService._open_app_process).parameters) == [
        "self",
        "width",
        "height",
    ]
    source = inspect.getsource(AppService._open_app_process)
    # We set the same two attributes its reader and writer use.
    assert "self._process" in source and "self._stdin" in source
    assert "_build_environment" in vars(AppService)
    assert {"start", "stop", "send_meta", "run"} <= set(vars(AppService))


def test_the_server_still_has_the_handlers_we_reuse() -> None:
    for name in ("_process_messages", "handle_download"):
        assert name in vars(Server), name
    assert "download_manager" in inspect.getsource(Server.__init__)
    assert {"create_download", "download", "cancel_app_downloads"} <= set(vars(DownloadManager))
    assert ViewerService.__mro__[1] is AppService
    assert FollowServer.__mro__[1] is Server


def test_its_script_still_builds_the_urls_as_our_page_expects() -> None:
    script = (STATIC / "js" / "textual.js").read_text(encoding="utf-8")
    # The websocket URL comes from the page's data attribute with "?width=" appended, so
    # the token goes into the path (`/ws/{token}`), not the query.
    assert "e.dataset.sessionWebsocketUrl" in script
    assert 'this.websocket_url+"?width="' in script
    # A delivered file opens at the origin's root; the page rewrites that under a proxy's
    # path prefix, and the cookie carries the token there.
    assert "${window.location.origin}/download/${" in script
    assert "window.open(" in script
    for asset in ("css/xterm.css", "fonts/RobotoMono-VariableFont_wght.ttf"):
        assert (STATIC / asset).is_file(), asset


def test_a_viewers_process_still_learns_it_runs_in_a_browser_from_its_driver() -> None:
    # `roundtable.ui.follow.follow_preferences` keeps a browser viewer's theme in memory
    # on this: otherwise every viewer would write the server user's preferences file.
    source = inspect.getsource(AppService._build_environment)
    assert '"TEXTUAL_DRIVER"] = "textual.drivers.web_driver:WebDriver"' in source
