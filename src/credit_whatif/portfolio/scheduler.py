"""Where the Dask engine runs: a ``--scheduler`` address and its TLS files, checked
before anything of Dask is imported, and how long to wait for the cluster.

Only ``tcp://`` and ``tls://`` are accepted: the other transports Dask knows
(``ucx://``, ``inproc://``, ``ws://``...) need set-up this command does not do, and
fail deep inside Dask. A ``tls://`` address needs all three TLS files, and the TLS
files need a ``tls://`` address, so a connection is never silently unencrypted.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..domain.text import LocalText
from ..files.errors import InputError, Phrase
from ..files.refusals import expected, found, joined, same

TLS_OPTIONS = ("--tls-ca-file", "--tls-cert", "--tls-key")
TLS_NAMES = expected("tls_options")
EXPECTED = expected("scheduler_address", tls=TLS_NAMES)

TIMEOUT_VARIABLE = "CREDIT_WHATIF_DASK_TIMEOUT"
CONNECT_SECONDS = 10.0  # for the scheduler to answer in Dask's protocol
WORKERS_SECONDS = 30.0  # for the first worker to be there

_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<rest>.*)", re.DOTALL)
_BRACKETED = re.compile(r"\[(?P<host>[^\]]*)\](?::(?P<port>.*))?", re.DOTALL)
# A DNS name or an IPv4 address: letters, digits, '-', '_' and inner dots.
_HOST_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?")


@dataclass(frozen=True)
class TlsFiles:
    """The PEM files of a TLS connection: the CA that signed the scheduler's
    certificate, and this client's certificate and private key."""

    ca_file: str
    cert: str
    key: str


@dataclass(frozen=True)
class Scheduler:
    """A checked scheduler address (always with its scheme) and, for ``tls://``,
    the files to connect with."""

    address: str
    tls: TlsFiles | None = None


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for the scheduler to answer, and for its first worker."""

    connect: float = CONNECT_SECONDS
    workers: float = WORKERS_SECONDS


def tls_files(ca_file: str | None, cert: str | None, key: str | None) -> TlsFiles | None:
    """The three TLS files, or None when none is given; one or two of them alone
    are refused."""
    given = dict(zip(TLS_OPTIONS, (ca_file, cert, key), strict=True))
    named = [option for option, path in given.items() if path is not None]
    if not named:
        return None
    missing = [option for option, path in given.items() if path is None]
    if missing:
        raise InputError(
            missing[0],
            "(not given)",
            expected("tls_together", tls=TLS_NAMES),
            found("only", options=joined(named, expected("and_separator"))),
        )
    assert ca_file is not None and cert is not None and key is not None
    return TlsFiles(ca_file, cert, key)


def scheduler_of(address: str, tls: TlsFiles | None = None) -> Scheduler:
    """`address` checked: ``tcp://HOST:PORT``, or ``tls://HOST:PORT`` with `tls`.
    Without a scheme it is taken as ``tcp://`` (``tls://`` when `tls` is given)."""

    def refuse(wanted: Phrase, given: Phrase) -> InputError:
        return InputError("--scheduler", address, wanted, given)

    matched = _SCHEME.fullmatch(address)
    scheme, rest = (matched["scheme"].lower(), matched["rest"]) if matched else (None, address)
    if scheme is not None and scheme not in ("tcp", "tls"):
        raise refuse(EXPECTED, found("scheme", scheme=repr(scheme)))
    if scheme == "tls" and tls is None:
        raise refuse(expected("tls_needs_files", tls=TLS_NAMES), found("none_of_them"))
    if scheme == "tcp" and tls is not None:
        wanted = expected("tls_address", tls=TLS_NAMES)
        raise refuse(wanted, found("scheme", scheme=repr("tcp")))
    host, port = _host_and_port(rest, refuse)
    if tls is not None:
        check_pem(tls)
    return Scheduler(f"{'tls' if tls else 'tcp'}://{host}:{port}", tls)


def check_pem(tls: TlsFiles) -> None:
    """The TLS files load as Dask will load them, or the one at fault is named now,
    before anything is sent. A key with a passphrase is refused rather than asked
    for on the terminal (Dask has no way to pass one on)."""
    import ssl

    try:
        context = ssl.create_default_context(cafile=tls.ca_file)
    except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
        raise InputError(
            "--tls-ca-file", tls.ca_file, expected("ca_certificate"), first_line(exc)
        ) from None
    try:
        context.load_cert_chain(tls.cert, tls.key, password=lambda: b"")
    except (OSError, ValueError) as exc:
        raise InputError(
            "--tls-cert, --tls-key",
            f"{tls.cert}, {tls.key}",
            expected("certificate_and_key"),
            first_line(exc),
        ) from None


def _host_and_port(rest: str, refuse: Callable[[Phrase, Phrase], InputError]) -> tuple[str, int]:
    """The host (an IPv6 address keeps its brackets) and port after the scheme."""
    bracketed = _BRACKETED.fullmatch(rest)
    if bracketed:
        inner, port_text = bracketed["host"], bracketed["port"]
        try:
            ipaddress.IPv6Address(inner)
        except ValueError:
            wanted = expected("ipv6_in_brackets", example="[::1]")
            raise refuse(wanted, same(f"[{inner}]")) from None
        host = f"[{inner}]"
    else:
        host, colon, port_text = rest.rpartition(":")
        if not colon:
            host, port_text = rest, None
        if ":" in host:
            wanted = expected("ipv6_in_brackets", example="tcp://[::1]:8786")
            raise refuse(wanted, same(repr(host)))
        if not host:
            raise refuse(expected("host_before_port"), found("empty_host"))
        if not _HOST_NAME.fullmatch(host):
            raise refuse(expected("host"), same(repr(host)))
    if port_text is None:
        raise refuse(expected("port_after_host"), found("no_port"))
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        raise refuse(expected("port"), same(repr(port_text)))
    return host, int(port_text)


def scheduler_from_options(
    address: str | None, ca_file: str | None, cert: str | None, key: str | None
) -> Scheduler | None:
    """`--scheduler` and the TLS options of ``impact``, checked together."""
    tls = tls_files(ca_file, cert, key)
    if address is None:
        if tls is not None:
            raise InputError(
                "--tls-ca-file",
                tls.ca_file,
                same("--scheduler tls://HOST:PORT"),
                found("no_scheduler"),
            )
        return None
    return scheduler_of(address, tls)


def timeouts(environ: Mapping[str, str] = os.environ) -> Timeouts:
    """The waits, both set to the variable's seconds when it is set."""
    text = environ.get(TIMEOUT_VARIABLE)
    if text is None:
        return Timeouts()
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise InputError(TIMEOUT_VARIABLE, "(environment)", expected("seconds"), same(repr(text)))
    return Timeouts(seconds, seconds)


def seconds_text(seconds: float) -> LocalText:
    return found("duration", seconds=f"{seconds:g}")


def first_line(exc: BaseException) -> LocalText:
    """The exception's type and the first line of its message, as found."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return found("error", message=text)
