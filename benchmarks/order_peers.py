"""The Python peers of validate_order, a pydantic v2 model and msgspec structs of
the same rules (the patterns, limits, duplicates and bundle / availability checks
below are shared by both): email, sequencer, domain names, duplicates, http(s)
URLs, personas; with a bundle and availability rows, the count, each domain's
availability and the Microsoft split. Each peer returns every issue it finds,
as the core reports every violation.
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, Callable, Dict, List, Literal, Optional, Union, get_args, get_origin

import msgspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
DOMAIN = r"(?i)^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
_HTTP = r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?"
HTTP_URL = rf"(?i)^{_HTTP}$"
#: msgspec takes one string type per union: "" (no picture) is part of the pattern.
PICTURE_URL = rf"(?i)^(?:{_HTTP})?$"
PROVIDER = "smartlead"
MIN_PERSONAS, MAX_PERSONAS = 1, 10
Issues = List[str]


def duplicates(domains: List[Any]) -> List[int]:
    """The index of every picked domain named before it (ignoring case)."""
    seen, found = set(), []
    for i, pick in enumerate(domains):
        name = pick if isinstance(pick, str) else pick.get("domain") if isinstance(pick, dict) else None
        if isinstance(name, str):
            if name.lower() in seen:
                found.append(i)
            seen.add(name.lower())
    return found


def context_issues(domains: List[Any], bundle: Dict[str, Any], rows: Dict[str, Dict[str, Any]]) -> Issues:
    """The count against the bundle, each domain's availability row (by name) and the Microsoft split."""
    issues = ["domain_count_mismatch"] if len(domains) != bundle["required_domains"]["total"] else []
    microsoft = 0
    for i, pick in enumerate(domains):
        row = rows.get(pick if isinstance(pick, str) else pick["domain"])
        if row is None:
            issues.append(f"domains[{i}] availability_unknown")
        elif not row["available"]:
            issues.append(f"domains[{i}] domain_unavailable")
        elif row["premium"]:
            issues.append(f"domains[{i}] premium_domain")
        elif "microsoft" in row["usable_for"]:
            microsoft += 1
    if microsoft < bundle["required_domains"]["microsoft"]:
        issues.append("microsoft_split_unmet")
    return issues


def with_context(peer: Callable[[Dict[str, Any]], Issues], bundle: Dict[str, Any], availability: List[Dict[str, Any]]) -> Callable[[Dict[str, Any]], Issues]:
    """`peer` plus the context checks on an order that passed it (as zod's refinement runs),
    with the rows indexed by name once, here, as ours are prepared once."""
    rows = {row["domain"]: row for row in availability}

    def validate(order: Dict[str, Any]) -> Issues:
        return peer(order) or context_issues(order["domains"], bundle, rows)

    return validate


# ---- pydantic: the patterns as validators (pydantic stops a validator at its first raise) ----
def _matches(pattern: str, code: str) -> Callable[[Any, Optional[str]], Optional[str]]:
    compiled = re.compile(pattern)

    def check(cls: Any, value: Optional[str]) -> Optional[str]:
        if value and not compiled.match(value):
            raise ValueError(code)
        return value

    return classmethod(check)  # type: ignore[return-value]


class Sequencer(BaseModel):
    provider: Literal["smartlead"]
    client_id: int = Field(gt=0, strict=True)
    login_email: str
    login_password: str = Field(min_length=1)
    _e = field_validator("login_email")(_matches(EMAIL, "invalid_email"))


class DomainPick(BaseModel):
    domain: str
    forwarding_url: Optional[str] = None
    _d = field_validator("domain")(_matches(DOMAIN, "invalid_domain"))
    _u = field_validator("forwarding_url")(_matches(HTTP_URL, "invalid_url"))


class Persona(BaseModel):
    first_name: str = Field(min_length=1)
    last_name: str = Field(min_length=1)
    profile_picture_url: Optional[str]
    _u = field_validator("profile_picture_url")(_matches(HTTP_URL, "invalid_url"))


DOMAIN_PATTERN = re.compile(DOMAIN)


class Order(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str
    bundle_id: str = Field(min_length=1)
    sequencer: Sequencer
    forwarding_url: Optional[str] = None
    domains: List[Union[str, DomainPick]] = Field(min_length=1)
    personas: List[Persona] = Field(min_length=MIN_PERSONAS, max_length=MAX_PERSONAS)
    _e = field_validator("user")(_matches(EMAIL, "invalid_email"))
    _u = field_validator("forwarding_url")(_matches(HTTP_URL, "invalid_url"))

    @field_validator("domains")
    @classmethod
    def _domains(cls, domains: List[Union[str, DomainPick]]) -> List[Union[str, DomainPick]]:
        # Every bad name and every duplicate in one error (a validator stops at its first raise).
        names = [d if isinstance(d, str) else d.domain for d in domains]
        problems = [f"domains[{i}] invalid_domain" for i, d in enumerate(domains) if isinstance(d, str) and not DOMAIN_PATTERN.match(d)]
        problems += [f"domains[{i}] duplicate" for i in duplicates(names)]
        if problems:
            raise ValueError("; ".join(problems))
        return domains


def pydantic_issues(order: Dict[str, Any]) -> Issues:
    try:
        Order.model_validate(order)
        return []
    except ValidationError as error:
        return [part for e in error.errors() for part in (e["msg"].split("; ") if e["loc"] == ("domains",) else [str(e["loc"])])]


# ---- msgspec: the patterns and limits as type constraints; one convert() for a valid order ----
Email = Annotated[str, msgspec.Meta(pattern=EMAIL)]
DomainName = Annotated[str, msgspec.Meta(pattern=DOMAIN)]
HttpUrl = Annotated[str, msgspec.Meta(pattern=HTTP_URL)]
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class MsgSequencer(msgspec.Struct):
    provider: Literal["smartlead"]
    client_id: Annotated[int, msgspec.Meta(gt=0)]
    login_email: Email
    login_password: NonEmpty


class MsgDomainPick(msgspec.Struct, kw_only=True):
    domain: DomainName
    forwarding_url: Optional[HttpUrl] = None


class MsgPersona(msgspec.Struct):
    first_name: NonEmpty
    last_name: NonEmpty
    profile_picture_url: Optional[Annotated[str, msgspec.Meta(pattern=PICTURE_URL)]]


class MsgOrder(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    user: Email
    bundle_id: NonEmpty
    sequencer: MsgSequencer
    forwarding_url: Optional[HttpUrl] = None
    domains: Annotated[List[Union[DomainName, MsgDomainPick]], msgspec.Meta(min_length=1)]
    personas: Annotated[List[MsgPersona], msgspec.Meta(min_length=MIN_PERSONAS, max_length=MAX_PERSONAS)]


# Looked up once per type (msgspec evaluates a struct's annotations on every call).
_fields = functools.cache(msgspec.structs.fields)
_length = functools.cache(lambda meta: Annotated[list, meta])


def _every_error(value: Any, kind: Any, path: str) -> Issues:
    """msgspec stops at its first error: on one, each field and item is converted on its own."""
    try:
        msgspec.convert(value, kind)
        return []
    except msgspec.ValidationError as error:
        first = [f"{path}: {error}"]
    base, *meta = get_args(kind) if get_origin(kind) is Annotated else (kind,)
    if get_origin(base) is Union and isinstance(value, dict):
        base = next((t for t in get_args(base) if isinstance(t, type) and issubclass(t, msgspec.Struct)), base)
    if isinstance(base, type) and issubclass(base, msgspec.Struct) and isinstance(value, dict):
        fields = _fields(base)
        found = [f"{path}.{key}: unknown" for key in value.keys() - {f.name for f in fields}] if base.__struct_config__.forbid_unknown_fields else []
        for field in fields:
            if field.name in value:
                found += _every_error(value[field.name], field.type, f"{path}.{field.name}")
            elif field.required:
                found.append(f"{path}.{field.name}: missing")
        return found or first
    if get_origin(base) is list and isinstance(value, list):
        found = _every_error(value, _length(meta[0]), path) if meta else []
        (item,) = get_args(base)
        for i, element in enumerate(value):
            found += _every_error(element, item, f"{path}[{i}]")
        return found or first
    return first


def msgspec_issues(order: Dict[str, Any]) -> Issues:
    domains = order.get("domains")
    return _every_error(order, MsgOrder, "$") + [f"domains[{i}] duplicate" for i in duplicates(domains if isinstance(domains, list) else [])]
