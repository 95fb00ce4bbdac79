"""The access rules on their own: the token comparison, the origin check, loopback."""

from __future__ import annotations

from roundtable.serve.access import is_loopback, new_token, same_origin, token_matches


def test_tokens_are_new_at_every_start_and_fit_into_a_link() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) >= 40
        assert all(char.isalnum() or char in "-_" for char in token)


def test_only_the_token_itself_matches() -> None:
    token = "Nordwerk-roundtable-2026"
    assert token_matches(token, token)
    for given in (None, "", token[:-1], token + "x", token.upper(), " " + token):
        assert not token_matches(given, token), given


def test_the_origin_must_name_the_host_the_browser_asked_for() -> None:
    hosts = ["127.0.0.1:8000"]
    assert same_origin("http://127.0.0.1:8000", hosts)
    assert same_origin("HTTP://127.0.0.1:8000/", hosts)
    assert same_origin(None, hosts)  # not a browser page: the token decides
    for origin in ("https://evil.example", "http://127.0.0.1:8001", "null", "", "file://"):
        assert not same_origin(origin, hosts), origin
    # Behind a proxy: the public name the proxy says it was asked for.
    assert same_origin("https://meet.nordwerk.example", ["127.0.0.1:8000", "meet.nordwerk.example"])


def test_loopback_is_this_machine_only() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.20", "roundtable.nordwerk.example"):
        assert not is_loopback(host), host
