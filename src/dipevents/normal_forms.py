"""Normal forms under which two values count as the same, for the schemas' ``duplicateKeys``.

Light (standard library only): the descriptor checks read ``FOLDS`` to accept a fold's name.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
# query parameters that track the reader, not the page: utm_* and the usual click IDs
TRACKING = re.compile(r"utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl",
                      re.IGNORECASE)


def fold_text(value: str) -> str:
    """Case, accents and spacing folded: "  Nguyễn  Phú Trọng" and "nguyen phu trong" agree."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def fold_url(value: str) -> str:
    """One URL per page: scheme and host in lower case, no default port, no fragment, no
    trailing slash, no tracking query parameters (utm_* and click IDs); the rest kept in order."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return value.strip()  # not a URL we can take apart: compared as written
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    if parts.username is not None:
        host = parts.netloc.rpartition("@")[0] + "@" + host
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING.fullmatch(k)])
    return urlunsplit((scheme, host, parts.path.rstrip("/"), query, ""))


FOLDS = {
    "text": (fold_text, "ignoring case, accents and spacing"),
    "url": (fold_url, "as URLs: scheme and host case, default port, trailing slash, fragment and "
                      "tracking parameters aside"),
}
