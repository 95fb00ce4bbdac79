"""`roundtable serve`: the read-only follow view of the running meeting, in browsers.

`access` decides who may see it (token, origin, loopback) without a web framework;
`server` puts textual-serve behind those checks, one follow process per viewer.
"""
