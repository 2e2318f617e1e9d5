"""A Content-Security-Policy that lets a page run only its own inline script and styles.

    html = with_csp(html)

Every inline ``<style>`` and executable ``<script>`` is allowed by its SHA-256 hash; everything
else is refused (``default-src 'none'``): no file, font, picture or connection from anywhere,
except pictures and fonts written into the page itself as ``data:`` URLs. The policy goes in a
``<meta>`` right after ``<meta charset>``, so it applies to the whole page whoever serves it (a
shared drive, a VLE, any web host): nothing can be fetched or sent, and a page changed after
publishing (a script added, a style edited) stops running rather than running something else.
"""

from __future__ import annotations

import base64
import hashlib
import re

_BLOCK = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1>", re.S | re.I)
_CHARSET = '<meta charset="utf-8">'


def hashes(html: str) -> dict[str, list[str]]:
    """The CSP hash of every inline script (run by the browser) and style, by kind."""
    out: dict[str, list[str]] = {"script": [], "style": []}
    for match in _BLOCK.finditer(html):
        kind, attrs, body = match.group(1).lower(), match.group(2) or "", match.group(3)
        if kind == "script" and re.search(r'type\s*=\s*"(?!text/javascript|module)', attrs):
            continue  # a data block (application/json): never run, so nothing to allow
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        out[kind].append(f"'sha256-{digest}'")
    return out


def policy(html: str) -> str:
    found = hashes(html)
    parts = ["default-src 'none'"]
    if found["script"]:
        parts.append("script-src " + " ".join(found["script"]))
    if found["style"]:
        parts.append("style-src " + " ".join(found["style"]))
    parts += ["img-src data:", "font-src data:", "base-uri 'none'", "form-action 'none'"]
    return "; ".join(parts)


def with_csp(html: str) -> str:
    """``html`` with its policy in a meta element just after ``<meta charset="utf-8">``."""
    if _CHARSET not in html:
        raise ValueError("a page needs <meta charset=\"utf-8\"> for its policy to follow")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(_CHARSET, _CHARSET + "\n" + meta, 1)
