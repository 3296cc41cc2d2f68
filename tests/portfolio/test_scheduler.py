"""`--scheduler` and the TLS options: a bad address is one line before anything of
Dask is imported; every wait on a cluster is bounded and said in one line. The
servers here listen on 127.0.0.1 only; the timeouts are cut to 1 s with the
variable the docs give for slow clusters."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.cli import main
from credit_whatif.files.errors import InputError
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.scheduler import (
    CONNECT_SECONDS,
    TIMEOUT_VARIABLE,
    WORKERS_SECONDS,
    Timeouts,
    scheduler_of,
    timeouts,
)

EXPECTED_SCHEME = (
    "expected tcp://HOST:PORT (or tls://HOST:PORT with --tls-ca-file, --tls-cert and --tls-key)"
)
TLS = ["--tls-ca-file", "{ca}", "--tls-cert", "{cert}", "--tls-key", "{key}"]

# (arguments after `impact book.parquet`, the one line on stderr after "credit-whatif: error: ")
REFUSED = [
    (
        ["--scheduler", "ucx://x:1"],
        f"--scheduler: ucx://x:1: {EXPECTED_SCHEME}, found scheme 'ucx'",
    ),
    (
        ["--scheduler", "inproc://x"],
        f"--scheduler: inproc://x: {EXPECTED_SCHEME}, found scheme 'inproc'",
    ),
    (
        ["--scheduler", "ws://h:8786"],
        f"--scheduler: ws://h:8786: {EXPECTED_SCHEME}, found scheme 'ws'",
    ),
    (
        ["--scheduler", "tls://h:8786"],
        "--scheduler: tls://h:8786: expected --tls-ca-file, --tls-cert and --tls-key with a tls:// address, found none of them",
    ),
    (
        ["--scheduler", "tcp://h:8786", *TLS],
        "--scheduler: tcp://h:8786: expected tls://HOST:PORT (as --tls-ca-file, --tls-cert and --tls-key are given), found scheme 'tcp'",
    ),
    (
        ["--scheduler", "tls://h:8786", "--tls-ca-file", "{ca}", "--tls-cert", "{cert}"],
        "--tls-key: (not given): expected --tls-ca-file, --tls-cert and --tls-key together (or none of them), found only --tls-ca-file and --tls-cert",
    ),
    (
        ["--engine", "dask", *TLS],
        "--tls-ca-file: {ca}: expected --scheduler tls://HOST:PORT, found no --scheduler",
    ),
    (
        ["--scheduler", "tcp://h"],
        "--scheduler: tcp://h: expected a port after the host, e.g. tcp://10.0.0.5:8786, found no port",
    ),
    (["--scheduler", "tcp://h:0"], "--scheduler: tcp://h:0: expected a port 1..65535, found '0'"),
    (
        ["--scheduler", "h:65536"],
        "--scheduler: h:65536: expected a port 1..65535, found '65536'",
    ),
    (
        ["--scheduler", "tcp://h:8786/x"],
        "--scheduler: tcp://h:8786/x: expected a port 1..65535, found '8786/x'",
    ),
    (
        ["--scheduler", "tcp://:8786"],
        "--scheduler: tcp://:8786: expected a host name or IP address before :PORT, found an empty host",
    ),
    (
        ["--scheduler", "tcp://::1:8786"],
        "--scheduler: tcp://::1:8786: expected an IPv6 address in brackets, e.g. tcp://[::1]:8786, found '::1'",
    ),
    (
        ["--scheduler", "tcp://[::g]:8786"],
        "--scheduler: tcp://[::g]:8786: expected an IPv6 address in brackets, e.g. [::1], found [::g]",
    ),
    (
        ["--scheduler", "tcp://user@h:8786"],
        "--scheduler: tcp://user@h:8786: expected a host name or IP address, found 'user@h'",
    ),
    (
        ["--scheduler", "tcp://h\x1b[2J:8786"],
        "--scheduler: tcp://h\\x1b[2J:8786: expected a host name or IP address, found 'h\\x1b[2J'",
    ),
    (
        ["--scheduler", "tcp://h:1", "--engine", "polars"],
        "--scheduler: tcp://h:1: expected --engine dask (or no --engine), found --engine polars",
    ),
]


@pytest.fixture
def tls_dummies(tmp_path: Path) -> dict[str, str]:
    """Files that exist (as click checks) but are never read: the address is wrong."""
    names = {"ca": "ca.pem", "cert": "client.pem", "key": "client.key"}
    for name in names.values():
        (tmp_path / name).write_text("")
    return {role: str(tmp_path / name) for role, name in names.items()}


@pytest.mark.parametrize(("args", "line"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_a_bad_scheduler_or_tls_option_is_one_line(
    args: list[str], line: str, tls_dummies: dict[str, str]
) -> None:
    filled = [arg.format(**tls_dummies) for arg in args]
    result = CliRunner().invoke(main, ["impact", "book.parquet", *filled])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"credit-whatif: error: {line.format(**tls_dummies)}\n"


def test_a_bad_address_is_refused_before_dask_is_imported() -> None:
    code = (
        "import sys\n"
        "from credit_whatif.cli import main\n"
        "try:\n"
        "    main(['impact', 'book.parquet', '--scheduler', 'ucx://x:1'])\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "2 False\n"
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("TCP://Scheduler-1.example.org:8786", "tcp://Scheduler-1.example.org:8786"),
        ("localhost:1", "tcp://localhost:1"),
        ("tcp://[::1]:65535", "tcp://[::1]:65535"),
        ("[fe80::1]:8786", "tcp://[fe80::1]:8786"),
    ],
)
def test_good_addresses_keep_their_host_and_port_and_get_a_scheme(
    address: str, expected: str
) -> None:
    assert scheduler_of(address).address == expected
    assert scheduler_of(address).tls is None


host_names = st.from_regex(
    r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z0-9]{1,10}){0,3}", fullmatch=True
)
hosts = st.one_of(
    host_names,
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda ip: f"[{ip}]"),
)


@given(hosts, st.integers(1, 65535), st.sampled_from(["tcp://", ""]))
def test_any_host_and_port_are_read_back_as_written(host: str, port: int, scheme: str) -> None:
    assert scheduler_of(f"{scheme}{host}:{port}").address == f"tcp://{host}:{port}"


@given(st.text(max_size=40))
def test_any_text_is_an_address_or_one_line_about_scheduler(text: str) -> None:
    try:
        checked = scheduler_of(text)
    except InputError as exc:
        message = str(exc)
        assert message.startswith("--scheduler: ")
        assert "\n" not in message and "\r" not in message and "\x1b" not in message
    else:
        assert checked.address.startswith("tcp://")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Timeouts(CONNECT_SECONDS, WORKERS_SECONDS)),
        ("1", Timeouts(1.0, 1.0)),
        ("0.5", Timeouts(0.5, 0.5)),
        ("120", Timeouts(120.0, 120.0)),
    ],
)
def test_the_variable_sets_both_waits(value: str | None, expected: Timeouts) -> None:
    environ = {} if value is None else {TIMEOUT_VARIABLE: value}
    assert timeouts(environ) == expected


@pytest.mark.parametrize("value", ["", "abc", "0", "-3", "nan", "inf", "10s"])
def test_a_bad_timeout_is_one_line(value: str) -> None:
    with pytest.raises(InputError) as caught:
        timeouts({TIMEOUT_VARIABLE: value})
    assert str(caught.value) == (
        f"{TIMEOUT_VARIABLE}: (environment): expected a number of seconds above 0, e.g. 60, "
        f"found {value!r}"
    )


# --- Waits on a real (or a fake) scheduler -------------------------------------------

distributed = pytest.importorskip("distributed")


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "1")
    path = tmp_path / "book.parquet"
    generate(path, 50, seed=3)
    return path


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, list[bytes]]]:
    """A TCP server on 127.0.0.1 that accepts and sends each connection the bytes
    in the list (none: it says nothing at all)."""
    server = socket.create_server(("127.0.0.1", 0))
    reply: list[bytes] = []
    accepted: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            accepted.append(conn)
            if reply:
                conn.sendall(reply[0])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server, reply
    server.close()
    for conn in accepted:
        conn.close()


def impact(book: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["impact", str(book), "--json", *args])
    assert result.stdout == ""
    return result.exit_code, result.stderr


def test_a_listener_that_never_answers_is_one_line(
    book: Path, listener: tuple[socket.socket, list[bytes]]
) -> None:
    address = f"tcp://127.0.0.1:{listener[0].getsockname()[1]}"
    assert impact(book, "--scheduler", address) == (
        2,
        f"credit-whatif: error: --scheduler: {address}: expected a Dask scheduler answering "
        "within 1 s, found a connection that never answered in Dask's protocol\n",
    )


@pytest.mark.parametrize(
    "reply", [b"HTTP/1.1 400 Bad Request\r\n\r\n", b"SSH-2.0-OpenSSH_9.6\r\n", bytes(64)]
)
def test_another_protocol_is_one_line(
    book: Path, listener: tuple[socket.socket, list[bytes]], reply: bytes
) -> None:
    listener[1].append(reply)
    address = f"tcp://127.0.0.1:{listener[0].getsockname()[1]}"
    assert impact(book, "--scheduler", address) == (
        2,
        f"credit-whatif: error: --scheduler: {address}: expected a Dask scheduler answering "
        "within 1 s, found a reply that is not Dask's protocol\n",
    )


def test_nothing_listening_is_one_line(book: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    assert impact(book, "--scheduler", address) == (
        2,
        f"credit-whatif: error: --scheduler: {address}: expected a Dask scheduler answering "
        "within 1 s, found no connection: nothing there accepted one\n",
    )


def test_a_bad_timeout_variable_is_one_line(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "soon")
    assert impact(book, "--scheduler", "tcp://127.0.0.1:9") == (
        2,
        f"credit-whatif: error: {TIMEOUT_VARIABLE}: (environment): expected a number of "
        "seconds above 0, e.g. 60, found 'soon'\n",
    )


# No dashboard, and its HTTP listener on a free port of 127.0.0.1 (not 8787).
QUIET_HTTP = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}


@pytest.fixture(scope="module")
def no_workers() -> Iterator[str]:
    """A scheduler on 127.0.0.1 with no worker (no worker process is started)."""
    with distributed.LocalCluster(
        n_workers=0, host="127.0.0.1", protocol="tcp://", processes=False, **QUIET_HTTP
    ) as cluster:
        yield cluster.scheduler_address


def test_a_scheduler_without_workers_is_one_line(book: Path, no_workers: str) -> None:
    assert impact(book, "--scheduler", no_workers) == (
        2,
        f"credit-whatif: error: --scheduler: {no_workers}: expected at least one Dask worker "
        "within 1 s, found none\n",
    )


# --- TLS ------------------------------------------------------------------------------


def _openssl(*args: str | Path) -> None:
    subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)


def _certificates(folder: Path, name: str, ca: str) -> None:
    """`name`.pem/.key signed by `ca` (for 127.0.0.1)."""
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", folder / f"{name}.key", "-out", folder / f"{name}.csr",
    )  # fmt: skip
    (folder / f"{name}.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _openssl(
        "x509", "-req", "-in", folder / f"{name}.csr", "-CA", folder / f"{ca}.pem",
        "-CAkey", folder / f"{ca}.key", "-CAcreateserial", "-days", "2",
        "-extfile", folder / f"{name}.ext", "-out", folder / f"{name}.pem",
    )  # fmt: skip


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two CAs, and a certificate signed by the first (the cluster's and the
    client's): made with the openssl command, for two days."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("pki")
    for ca in ("ca", "other"):
        _openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={ca}",
            "-keyout", folder / f"{ca}.key", "-out", folder / f"{ca}.pem",
        )  # fmt: skip
    _certificates(folder, "node", "ca")
    return folder


@pytest.fixture(scope="module")
def tls_scheduler(pki: Path) -> Iterator[str]:
    """A scheduler on tls://127.0.0.1 that requires encryption, with no worker."""
    security = distributed.security.Security(
        tls_ca_file=str(pki / "ca.pem"),
        tls_scheduler_cert=str(pki / "node.pem"),
        tls_scheduler_key=str(pki / "node.key"),
        tls_client_cert=str(pki / "node.pem"),
        tls_client_key=str(pki / "node.key"),
        require_encryption=True,
    )
    with distributed.LocalCluster(
        n_workers=0,
        host="127.0.0.1",
        protocol="tls://",
        security=security,
        processes=False,
        **QUIET_HTTP,
    ) as cluster:
        yield cluster.scheduler_address


def tls_args(ca: Path, cert: Path, key: Path) -> list[str]:
    return ["--tls-ca-file", str(ca), "--tls-cert", str(cert), "--tls-key", str(key)]


def node_args(pki: Path) -> list[str]:
    return tls_args(pki / "ca.pem", pki / "node.pem", pki / "node.key")


def test_tls_connects_with_the_three_files(book: Path, pki: Path, tls_scheduler: str) -> None:
    """The connection is made (over TLS, the only way this scheduler talks), and then
    no worker comes."""
    assert tls_scheduler.startswith("tls://")
    bare = tls_scheduler.removeprefix("tls://")
    for address in (tls_scheduler, bare):
        assert impact(book, "--scheduler", address, *node_args(pki)) == (
            2,
            f"credit-whatif: error: --scheduler: {tls_scheduler}: expected at least one Dask "
            "worker within 1 s, found none\n",
        )


def test_a_scheduler_signed_by_another_ca_is_one_line(
    book: Path, pki: Path, tls_scheduler: str
) -> None:
    files = tls_args(pki / "other.pem", pki / "node.pem", pki / "node.key")
    code, err = impact(book, "--scheduler", tls_scheduler, *files)
    assert code == 2
    assert err.startswith(
        f"credit-whatif: error: --scheduler: {tls_scheduler}: expected a Dask scheduler "
        "answering within 1 s, found SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED]"
    )
    assert err.count("\n") == 1


def test_tls_files_that_do_not_load_are_named(book: Path, pki: Path, tmp_path: Path) -> None:
    text = tmp_path / "text.pem"
    text.write_text("not a certificate\n")
    files = tls_args(text, pki / "node.pem", pki / "node.key")
    code, err = impact(book, "--scheduler", "tls://127.0.0.1:1", *files)
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith(
        f"credit-whatif: error: --tls-ca-file: {text}: expected a CA certificate in PEM, "
        "found SSLError: "
    )
    mismatched = tls_args(pki / "ca.pem", pki / "node.pem", pki / "ca.key")
    code, err = impact(book, "--scheduler", "tls://127.0.0.1:1", *mismatched)
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith(
        f"credit-whatif: error: --tls-cert, --tls-key: {pki / 'node.pem'}, {pki / 'ca.key'}: "
        "expected a PEM certificate and its PEM private key, without a passphrase, found SSLError: "
    )


# --- The same refusals in Chinese ------------------------------------------------------


def test_the_cluster_refusals_speak_the_chosen_language(
    book: Path,
    listener: tuple[socket.socket, list[bytes]],
    no_workers: str,
    pki: Path,
    tmp_path: Path,
) -> None:
    """Under --lang zh what the cluster did is said in Chinese (what another program
    said, a TLS library's message, is passed on as it was written)."""
    silent = f"tcp://127.0.0.1:{listener[0].getsockname()[1]}"
    assert impact(book, "--scheduler", silent, "--lang", "zh") == (
        2,
        f"credit-whatif：错误：--scheduler：{silent}：应为1 秒内应答的 Dask 调度器，"
        "实际为连接后始终没有以 Dask 协议应答\n",
    )
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    nobody = f"tcp://127.0.0.1:{port}"
    assert impact(book, "--scheduler", nobody, "--lang", "zh") == (
        2,
        f"credit-whatif：错误：--scheduler：{nobody}：应为1 秒内应答的 Dask 调度器，"
        "实际为无法连接：该地址没有服务接受连接\n",
    )
    assert impact(book, "--scheduler", no_workers, "--lang", "zh") == (
        2,
        f"credit-whatif：错误：--scheduler：{no_workers}：应为1 秒内至少有一个 Dask 工作进程，"
        "实际为没有\n",
    )
    text = tmp_path / "text.pem"
    text.write_text("not a certificate\n")
    files = tls_args(text, pki / "node.pem", pki / "node.key")
    code, err = impact(book, "--scheduler", "tls://127.0.0.1:1", *files, "--lang", "zh")
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith(
        f"credit-whatif：错误：--tls-ca-file：{text}：应为PEM 格式的 CA 证书，实际为错误：SSLError: "
    )
    mismatched = tls_args(pki / "ca.pem", pki / "node.pem", pki / "ca.key")
    code, err = impact(book, "--scheduler", "tls://127.0.0.1:1", *mismatched, "--lang", "zh")
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith(
        f"credit-whatif：错误：--tls-cert, --tls-key：{pki / 'node.pem'}, {pki / 'ca.key'}："
        "应为PEM 格式的证书及其 PEM 私钥（私钥不设口令），实际为错误：SSLError: "
    )
