"""The web interface in Chinese and English.

Every page's words are English message ids, translated by a gettext catalogue
(`locale/zh/LC_MESSAGES/messages.po`, kept with Babel: `pybabel extract -F babel.cfg`,
`pybabel update`), read and compiled in memory when first needed. A page is in the language
the reader chose with the switch every page carries (`?lang=zh`, kept in a cookie), else the
first of Chinese and English that the browser's `Accept-Language` asks for, else English.
The language is held in a context variable for the request, so templates and the code that
builds a page translate without passing it around; the JSON and RDF answers stay as they are.
"""

from __future__ import annotations

import gettext
import io
from contextvars import ContextVar
from functools import cache
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from .middleware import HttpMiddleware

__all__ = ["COOKIE", "LANGUAGES", "Language", "current", "gettext_", "ntranslate", "switch_links",
           "translate"]

LANGUAGES = ("zh", "en")
DEFAULT = "en"
COOKIE = "lang"
# A year: the reader's choice is kept until they change it.
_COOKIE_SECONDS = 365 * 24 * 3600
_CATALOGUES = Path(__file__).parent / "locale"
_language: ContextVar[str] = ContextVar("policygraph_language", default=DEFAULT)
# The path and query of the page being made.
_where: ContextVar[tuple[str, str]] = ContextVar("policygraph_where", default=("/", ""))


def current() -> str:
    """The language of the page being made."""
    return _language.get()


def translate(message: str) -> str:
    """`message` in the page's language (templates fill in its placeholders)."""
    return _translations(current()).gettext(message)


def ntranslate(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message in the page's language."""
    return _translations(current()).ngettext(singular, plural, count)


def gettext_(message: str, **values: object) -> str:
    """`message` in the page's language, with `%(name)s` placeholders filled from `values`."""
    text = translate(message)
    return text % values if values else text


def switch_links() -> dict[str, str]:
    """The URL of the page being made in each language, for the switch every page carries."""
    path, query = _where.get()
    kept = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True)
            if name != "lang"]
    return {language: f"{path}?{urlencode([*kept, ('lang', language)])}"
            for language in LANGUAGES}


def choose(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The page's language: asked for in the URL, else chosen before, else the browser's."""
    for chosen in (query, cookie):
        if chosen in LANGUAGES:
            return chosen
    if accept:
        wanted = [part.split(";")[0].strip().replace("-", "_") for part in accept.split(",")]
        found = negotiate_locale(wanted, list(LANGUAGES), sep="_")
        if found:
            return str(Locale.parse(found).language)
    return DEFAULT


@cache
def _translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language` (English is the message ids themselves)."""
    path = _CATALOGUES / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalogue = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


class Language(HttpMiddleware):
    """Sets each HTML request's language for the code that answers it, keeps a language the
    URL asks for in a cookie, and says that pages vary by the reader's language."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {name.decode("latin-1"): value.decode("latin-1")
                   for name, value in scope.get("headers", ())}
        asked = _query_language(scope.get("query_string", b"").decode("latin-1"))
        cookie = SimpleCookie(headers.get("cookie", ""))
        kept = cookie[COOKIE].value if COOKIE in cookie else None
        token = _language.set(choose(asked, kept, headers.get("accept-language")))
        where = _where.set((scope.get("path", "/"), scope.get("query_string", b"")
                            .decode("latin-1")))

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                response = MutableHeaders(scope=message)
                if response.get("content-type", "").startswith("text/html"):
                    response.append("Vary", "Accept-Language, Cookie")
                    if asked in LANGUAGES and asked != kept:
                        response.append("Set-Cookie", f"{COOKIE}={asked}; Path=/; "
                                        f"Max-Age={_COOKIE_SECONDS}; SameSite=Lax")
            await send(message)

        try:
            await self.app(scope, receive, send_with_language)
        finally:
            _language.reset(token)
            _where.reset(where)


def _query_language(query: str) -> str | None:
    return next((value for name, value in parse_qsl(query) if name == "lang"), None)
