"""The web server behind `roundtable serve`: textual-serve, guarded.

textual-serve runs one app process per browser and relays its screen over a websocket.
Out of the box it serves anyone who can reach the port, accepts a websocket from any
page on the web, runs the app through a shell and builds every URL from one fixed public
address (wrong behind a reverse proxy). `FollowServer` keeps its page, websocket,
download and static routes and its process protocol, and adds:

- the access token on every request (in the URL; the page also sets it as a cookie for
  the assets and the minutes download, which textual-serve's script asks for without
  it); anything without it gets 403 and nothing else;
- the websocket refuses a page of another origin (`access.same_origin`);
- at most `max_viewers` viewers, and a plain page saying so when full;
- URLs built from each request, honouring a reverse proxy's X-Forwarded-Proto, -Host
  and -Prefix;
- each viewer's `roundtable follow` started without a shell, in a process group of its
  own, so stopping the server ends every viewer's process for certain.

It relies on textual-serve's internals (`Server`, `AppService._open_app_process`,
`DownloadManager`), hence the upper version bound in pyproject and
tests/serve/test_textual_serve_reliance.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import shlex
import signal
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from roundtable.errors import UsageError
from roundtable.i18n import _, current_language, ngettext
from roundtable.serve.access import DEFAULT_MAX_VIEWERS, same_origin, token_matches

__all__ = ["DEFAULT_MAX_VIEWERS", "FollowServer", "ViewerService"]

log = logging.getLogger("roundtable.serve")

TOKEN_PARAMETER = "token"
TOKEN_COOKIE = "roundtable_token"

STOP_SECONDS = 3.0
"""How long a viewer's process may take to quit when asked before it is killed."""

FONT_SIZES = range(6, 97)
"""`?fontsize=` is honoured within these pixels (a wall screen wants it big)."""

_TEMPLATES = Path(__file__).parent / "templates"


class ViewerService(AppService):
    """One viewer's `roundtable follow`: started from an argument list (no shell, so no
    quoting of paths), in a session of its own so that it and anything it starts can be
    ended together."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[object]],
        server: Server,
    ) -> None:
        super().__init__(
            shlex.join(argv),
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,  # type: ignore[arg-type]  # textual-serve ignores the result
            download_manager=server.download_manager,
        )
        self.argv = list(argv)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        """The viewer process's id once started."""
        return self._process.pid if self._process is not None else None

    async def end(self) -> None:
        """Ask the process to quit, and kill its process group if it does not in time.
        Safe to call more than once."""
        process = self._process
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), STOP_SECONDS)


@dataclass(eq=False)
class _Viewer:
    websocket: web.WebSocketResponse
    service: ViewerService


def _first(value: str | None) -> str:
    """The first of a comma-separated header's values (proxies chain them)."""
    return (value or "").split(",")[0].strip()


def _clean_prefix(prefix: str) -> str:
    """A path prefix from X-Forwarded-Prefix, as `/a/b` or empty; anything odd is
    ignored rather than put into a page."""
    prefix = prefix.strip().rstrip("/")
    if not prefix.startswith("/") or prefix.startswith("//"):
        return ""
    if any(not (char.isalnum() or char in "/-_.~") for char in prefix):
        return ""
    return prefix


@dataclass(frozen=True)
class PublicAddress:
    """Where the browser reached us: scheme, host (with port) and path prefix."""

    scheme: str
    host: str
    prefix: str

    @classmethod
    def of(cls, request: web.Request) -> PublicAddress:
        """From the request, as a reverse proxy in front says it was asked for."""
        scheme = _first(request.headers.get("X-Forwarded-Proto")).lower() or request.scheme
        if scheme not in ("http", "https"):
            scheme = request.scheme
        host = _first(request.headers.get("X-Forwarded-Host")) or request.host
        prefix = _clean_prefix(_first(request.headers.get("X-Forwarded-Prefix")))
        return cls(scheme, host, prefix)

    @property
    def websocket_scheme(self) -> str:
        return "wss" if self.scheme == "https" else "ws"


class FollowServer(Server):
    """textual-serve's server for `argv` (the follow command), guarded as the module
    docstring says."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        host: str,
        port: int,
        token: str,
        title: str,
        max_viewers: int = DEFAULT_MAX_VIEWERS,
    ) -> None:
        super().__init__(
            shlex.join(argv),
            host=host,
            port=port,
            title=title,
            templates_path=_TEMPLATES,
        )
        self.argv = list(argv)
        self.token = token
        self.max_viewers = max_viewers
        self.viewers: set[_Viewer] = set()
        self.bound_port: int | None = None

    # --- the web application -----------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(
            app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                # textual.js appends "?width=…" to the URL it is given: a token in the
                # query would be garbled, so the page gives it in the path.
                web.get("/ws/{token}", self.handle_websocket, name="websocket-token"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        given = (
            request.match_info.get(TOKEN_PARAMETER)
            or request.query.get(TOKEN_PARAMETER)
            or request.cookies.get(TOKEN_COOKIE)
        )
        if not token_matches(given, self.token):
            return web.Response(status=403, text="403: Forbidden\n")
        return await handler(request)

    def _full_page(self) -> web.Response:
        message = ngettext(
            "This meeting already has {count} viewer, as many as the facilitator allowed. "
            "Try again when someone has closed their window.",
            "This meeting already has {count} viewers, as many as the facilitator allowed. "
            "Try again when someone has closed their window.",
            self.max_viewers,
        ).format(count=self.max_viewers)
        return web.Response(
            status=503,
            text=_plain_page(self.title, message),
            content_type="text/html",
            headers={"Retry-After": "30"},
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page that opens the terminal; a plain page when the viewers are full."""
        if len(self.viewers) >= self.max_viewers:
            return self._full_page()
        address = PublicAddress.of(request)
        font_size = to_int(request.query.get("fontsize", "16"), 16)
        if font_size not in FONT_SIZES:
            font_size = 16
        token = self.token
        context = {
            "font_size": font_size,
            "title": self.title,
            "language": current_language(),
            "prefix": address.prefix,
            "static_url": f"{address.prefix}/static/",
            "token": token,
            "websocket_url": (
                f"{address.websocket_scheme}://{address.host}{address.prefix}/ws/{token}"
            ),
            "ended": _("The follow view has ended."),
            "restart": _("Open again"),
            "starting": _("Starting the follow view …"),
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.set_cookie(
            TOKEN_COOKIE,
            token,
            path=f"{address.prefix}/",
            httponly=True,
            samesite="Strict",
            secure=address.scheme == "https",
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The websocket that relays one viewer's follow process."""
        address = PublicAddress.of(request)
        if not same_origin(request.headers.get("Origin"), [request.host, address.host]):
            return web.Response(status=403, text="403: Forbidden\n")
        if len(self.viewers) >= self.max_viewers:
            return web.Response(status=503, text=_plain_text_full(self.max_viewers))
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        service = ViewerService(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            server=self,
        )
        viewer = _Viewer(websocket, service)
        self.viewers.add(viewer)
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # a viewer's trouble must not stop the others
            log.warning("viewer ended: %s", error)
        finally:
            self.viewers.discard(viewer)
            await service.end()
            await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """End every viewer: close its websocket and its process."""
        await self.end_viewers()

    async def end_viewers(self) -> None:
        """Close every viewer's window and end its process."""
        viewers = list(self.viewers)
        for viewer in viewers:
            with contextlib.suppress(Exception):
                await viewer.websocket.close(
                    code=WSCloseCode.GOING_AWAY, message=b"roundtable serve stopped"
                )
        await asyncio.gather(*(viewer.service.end() for viewer in viewers))

    # --- running ----------------------------------------------------------------------

    def url(self, port: int) -> str:
        """The link to hand out: this host as reachable by others, with the token."""
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = socket.getfqdn()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/?{TOKEN_PARAMETER}={self.token}"

    async def run(self, ready: Callable[[str], None] | None = None) -> None:
        """Serve until SIGINT or SIGTERM; `ready` is told the link once listening."""
        app = await self._make_app()
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise UsageError(
                _("Cannot listen on {host} port {port}: {reason}").format(
                    host=self.host, port=self.port, reason=error.strerror or error
                )
            ) from None
        self.bound_port = int(runner.addresses[0][1])
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        try:
            if ready is not None:
                ready(self.url(self.bound_port))
            await stop.wait()
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
            await self.end_viewers()
            await runner.cleanup()

    def serve(self, debug: bool = False) -> None:
        """textual-serve's entry point, kept working: serve until interrupted."""
        asyncio.run(self.run())


def _plain_text_full(count: int) -> str:
    full = ngettext(
        "This meeting already has {count} viewer.",
        "This meeting already has {count} viewers.",
        count,
    )
    return full.format(count=count) + "\n"


def _plain_page(title: str, message: str) -> str:
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>\n"
    )
