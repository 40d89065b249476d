"""The NEWSLETTER settings dict, validated once into a frozen dataclass."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..common.settings import SettingsError, merged, positive_int

PLUGIN = "kopienu_zinas.newsletter"

DEFAULTS: dict[str, Any] = {
    "path": "izdevums",
    "issue_time": "08:00",
    "feed_items": 12,
    "ttl": 1440,
    "editor": "Kopienu ziņu redakcija",
    "editor_email": None,
    "logo": "theme/newsletter/logo.png",
    "subscribe_page": "abonet/",
    "description": "Reizi mēnesī: mēneša ziņas no Sēlijas, Latgales un Rēzeknes, "
                   "nākamā mēneša pasākumi un foto galerijas.",
    # The e-mail sign-up form (docs/newsletter.md, "E-mail sign-up"): None means no form.
    "signup_action": None,
    "signup_email_field": "email",
    "signup_hidden": {},
    "signup_provider": None,
    "data_controller": None,
}

_EMAIL = re.compile(r"^[A-Za-z0-9_.+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")
#: A form field name as the providers write them: EMAIL, email, embed, l, u, id, b_x[y].
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-\[\]]*$")
#: The keys that make NewsletterSettings.signup (a SignupForm).
SIGNUP_KEYS = ("signup_action", "signup_email_field", "signup_hidden", "signup_provider",
               "data_controller")


@dataclass(frozen=True)
class Provider:
    """What a known provider's sign-up address accepts, so that a form it would reject (or
    quietly ignore) stops the build instead of losing readers' addresses.

    A provider is recognised by the address's host (`hosts`: the host or a parent domain) or,
    for a self-hosted one, by its path alone (`hosts` empty). `path`: the form endpoint that
    takes a plain HTML POST; `email_field`: the name the provider reads the address from;
    `query`: query parameters the address must keep; `hidden`: hidden fields it needs. `fix`:
    where the site owner finds the right values (docs/newsletter.md, "E-mail sign-up")."""

    name: str
    hosts: tuple[str, ...]
    path: re.Pattern[str]
    email_field: str
    query: tuple[str, ...]
    hidden: tuple[str, ...]
    fix: str

    def matches(self, host: str, path: str) -> bool:
        if self.hosts:
            return any(host == h or host.endswith(f".{h}") for h in self.hosts)
        return bool(self.path.fullmatch(path))


#: The providers docs/newsletter.md describes. Sources: Mailchimp's embedded form
#: (…list-manage.com/subscribe/post?u=…&id=…, field EMAIL; /subscribe/post-json is the JSONP
#: endpoint that needs a script), Buttondown's embed form (/api/emails/embed-subscribe/NAME,
#: field email), listmonk's public subscription form (/subscription/form, field email, one `l`
#: per list UUID; without one it answers "no lists selected").
PROVIDERS = (
    Provider("Mailchimp", ("list-manage.com",), re.compile(r"/subscribe/post/?"), "EMAIL",
             ("u", "id"), (), "copy the action of Audience → Signup forms → Embedded forms"),
    Provider("Buttondown", ("buttondown.com", "buttondown.email"),
             re.compile(r"/api/emails/embed-subscribe/[^/]+/?"), "email", (), (),
             "https://buttondown.com/api/emails/embed-subscribe/NAME, NAME your Buttondown "
             "user name"),
    Provider("listmonk", (), re.compile(r"/subscription/form/?"), "email", (), ("l",),
             "add each list's UUID: signup_hidden {'l': ['LIST-UUID']}"),
)


@dataclass(frozen=True)
class SignupForm:
    """The e-mail sign-up form: a plain HTML form that posts to the provider's sign-up address
    (nothing of the provider loads before the reader submits it).

    `action`: the provider's https:// form address; `email_field`: the name of the address
    field (Mailchimp EMAIL, Buttondown and listmonk email); `hidden`: (name, value) pairs sent
    with it, in order (Buttondown `embed`, listmonk `l` list UUIDs; a name may repeat);
    `provider` and `controller`: who stores the addresses and who answers for them (the
    privacy note names both)."""

    action: str
    email_field: str
    hidden: tuple[tuple[str, str], ...]
    provider: str
    controller: str


def _signup_error(name: str, what: str, value: Any) -> SettingsError:
    return SettingsError("NEWSLETTER", name, "e-pasta pieteikšanās iestatījums nav derīgs",
                         f"{PLUGIN}: {what}, not {value!r} "
                         "(docs/newsletter.md, \"E-mail sign-up\")")


def _text(values: Mapping[str, Any], name: str, what: str) -> str:
    value = values[name]
    if not isinstance(value, str) or not value.strip():
        raise _signup_error(name, what, value)
    return " ".join(value.split())


def _hidden_fields(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise _signup_error("signup_hidden", "must be a dict of field name → value "
                            "(a value may be a list: one field each)", value)
    pairs = []
    for name, given in value.items():
        if not isinstance(name, str) or not _FIELD.match(name):
            raise _signup_error("signup_hidden", "has a field name that is not a form field name",
                                name)
        for item in given if isinstance(given, (list, tuple)) else [given]:
            if not isinstance(item, str):
                raise _signup_error("signup_hidden", f"field {name!r} must be text", item)
            pairs.append((name, item))
    return tuple(pairs)


def _check_provider(form: SignupForm) -> None:
    """Raises SettingsError when `form` posts to a known provider (PROVIDERS) in a way it rejects:
    another endpoint, another address field name, a missing query parameter or hidden field."""
    parts = urlsplit(form.action)
    host, path, query = (parts.hostname or "").lower(), parts.path, parse_qs(parts.query)
    for provider in PROVIDERS:
        if not provider.matches(host, path):
            continue
        where = f"{provider.name}'s sign-up form address"
        if not provider.path.fullmatch(path):
            raise _signup_error("signup_action", f"is not {where} (the endpoint that takes a "
                                f"form without JavaScript; {provider.fix})", form.action)
        missing = [name for name in provider.query if not query.get(name)]
        if missing:
            raise _signup_error("signup_action", f"lacks {', '.join(missing)} in its query, "
                                f"which {provider.name} needs ({provider.fix})", form.action)
        if form.email_field != provider.email_field:
            raise _signup_error("signup_email_field", f"must be {provider.email_field!r} for "
                                f"{provider.name} (it reads the address from that field)",
                                form.email_field)
        given = {name for name, _ in form.hidden}
        for name in provider.hidden:
            if name not in given:
                raise _signup_error("signup_hidden", f"needs a {name!r} field for "
                                    f"{provider.name} ({provider.fix})", dict(form.hidden))


def signup_form(values: Mapping[str, Any]) -> SignupForm | None:
    """The sign-up form from the merged NEWSLETTER values, or None without `signup_action`.

    Raises SettingsError naming the key: an action that is not an https:// URL with a host (the
    address is sent there: never in clear text), a missing provider or data controller (the
    privacy note must name them), a field name a form cannot carry, hidden fields that are not
    text, sign-up keys given without `signup_action`, an address copied from HTML with its
    `&amp;` left in, or values a known provider rejects (`PROVIDERS`)."""
    action = values["signup_action"]
    if action is None:
        stray = [name for name in SIGNUP_KEYS if values[name] != DEFAULTS[name]]
        if stray:
            raise SettingsError("NEWSLETTER", stray[0],
                                f"{', '.join(stray)} dots bez 'signup_action' (pakalpojuma "
                                "veidlapas adreses); pievieno to vai izņem tos",
                                f"{PLUGIN}: gives {', '.join(stray)} without 'signup_action' "
                                "(the provider's form address); add it or remove them")
        return None
    parts = urlsplit(action) if isinstance(action, str) else None
    if parts is None or parts.scheme != "https" or not parts.hostname or action != action.strip() \
            or any(c.isspace() for c in action) or parts.fragment:
        raise _signup_error("signup_action", "must be the provider's https:// form address "
                            "(e.g. https://buttondown.com/api/emails/embed-subscribe/NAME)", action)
    if "&amp;" in action:
        raise _signup_error("signup_action", "has '&amp;', the HTML spelling of '&' (copied from "
                            "the provider's embed code): write '&' instead", action)
    email_field = values["signup_email_field"]
    if not isinstance(email_field, str) or not _FIELD.match(email_field):
        raise _signup_error("signup_email_field", "must be the provider's e-mail field name "
                            "(Mailchimp: EMAIL; Buttondown, listmonk: email)", email_field)
    form = SignupForm(action=action, email_field=email_field,
                      hidden=_hidden_fields(values["signup_hidden"]),
                      provider=_text(values, "signup_provider",
                                     "must name the e-mail service (e.g. 'Buttondown')"),
                      controller=_text(values, "data_controller",
                                       "must name who answers for the addresses (the site owner, "
                                       "e.g. 'Biedrība …')"))
    _check_provider(form)
    return form


@dataclass(frozen=True)
class NewsletterSettings:
    """What the newsletter needs to know; see docs/newsletter.md."""

    path: str
    issue_time: dt.time
    feed_items: int
    ttl: int
    editor: str
    editor_email: str | None
    logo: str | None
    subscribe_page: str
    description: str
    signup: SignupForm | None

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> NewsletterSettings:
        values = merged(settings, "NEWSLETTER", PLUGIN, DEFAULTS)
        try:
            issue_time = dt.time.fromisoformat(str(values["issue_time"]))
        except ValueError as error:
            raise SettingsError("NEWSLETTER", "issue_time", "jābūt laikam HH:MM",
                                f"{PLUGIN}: must be HH:MM") from error
        for name in ("feed_items", "ttl"):
            positive_int(PLUGIN, "NEWSLETTER", name, values[name])
        email = values["editor_email"]
        if email is not None and not _EMAIL.match(str(email)):
            raise SettingsError("NEWSLETTER", "editor_email", "nav e-pasta adrese",
                                f"{PLUGIN}: is not an e-mail address")
        path = str(values["path"]).strip("/")
        if not path:
            raise SettingsError("NEWSLETTER", "path", "nedrīkst būt tukšs",
                                f"{PLUGIN}: must not be empty")
        return cls(path=path, issue_time=issue_time, feed_items=values["feed_items"],
                   ttl=values["ttl"], editor=str(values["editor"]), editor_email=email,
                   logo=values["logo"] or None,
                   subscribe_page=str(values["subscribe_page"]).lstrip("/"),
                   description=str(values["description"]), signup=signup_form(values))

