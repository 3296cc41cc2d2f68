"""The Dask engine: the same generated kernel, applied per partition.

Each file of the portfolio is one partition (``dask.dataframe.from_map``), so a
cluster spreads the files over its workers. ``map_partitions`` hands every partition
to :meth:`Aggregation.partial`, the very function the Polars engine runs on its
chunks (a partition arrives as pandas and is turned into Polars without copying the
Arrow buffers); the driver adds the partial sums up. The aggregation is plain Polars
expressions, so it pickles to the workers; nothing about a rule is shipped or
written twice.

The driver lists the files, reads their schemas (Parquet footers, CSV headers) and,
only if a partition reports a bad row, reads the files again to name the first one.
Workers need this package and the same Polars version as the driver.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl

from ..files.errors import InputError, Phrase
from ..files.refusals import expected, found
from .columns import (
    Source,
    check_schema,
    collect_schema,
    reading_for,
    scan_file,
)
from .impact import Partial, SummingPlan, data_columns
from .scheduler import (
    Scheduler,
    Timeouts,
    TlsFiles,
    first_line,
    scheduler_of,
    seconds_text,
    timeouts,
)
from .schema import NAMES, OUTCOME_NAMES

Progress = Callable[[int, int | None], None]
LOCAL_WORKERS = 2

Client = Any  # distributed.Client; Dask's modules are untyped, so they are held as Any
PandasFrame = Any  # a pandas DataFrame: one partition, or its partial sums

CONNECTING_SHARE = 0.8  # of the connect timeout, for the TCP connect before the handshake
# The local cluster serves nothing over HTTP: no dashboard, and none of the info,
# JSON or metrics pages Dask serves even with ``dashboard_address=None`` (on port
# 8787, or the next free one). Its HTTP listeners stay, bound to 127.0.0.1, answering
# 404 to everything.
NO_HTTP_ROUTES: dict[str, list[str]] = {
    "distributed.scheduler.http.routes": [],
    "distributed.worker.http.routes": [],
}


def _module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise InputError(
            "--engine", "dask", expected("dask_installed"), found("error", message=str(exc))
        ) from None


def root_cause(exc: BaseException) -> BaseException:
    """The innermost exception `exc` was raised from (Dask wraps a refused
    connection in two more)."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


@contextmanager
def quiet_dask() -> Iterator[None]:
    """Dask's own log lines (a worker's failed task, a lost connection) kept off
    stderr while a run is on: what went wrong is reported as one line instead.
    Dask gives some of its loggers their own level, so each is set, not the parent."""
    names = [
        name
        for name in ["distributed", *logging.root.manager.loggerDict]
        if name.split(".")[0] in ("distributed", "tornado")
    ]
    loggers = [logging.getLogger(name) for name in dict.fromkeys(names)]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextmanager
def connect(
    scheduler: Scheduler | str | None = None, workers: int = LOCAL_WORKERS
) -> Iterator[Client]:
    """A client of the cluster at `scheduler` (once it has a worker), or of a local
    cluster of `workers` processes (one thread each) that is shut down afterwards."""
    if scheduler is not None:
        target = scheduler if isinstance(scheduler, Scheduler) else scheduler_of(scheduler)
        limits = timeouts()
        distributed = _module("distributed")
        with quiet_dask(), _remote(distributed, target, limits) as client:
            yield client
        return
    distributed = _module("distributed")
    dask = _module("dask")
    with (
        quiet_dask(),
        dask.config.set(NO_HTTP_ROUTES),
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.CRITICAL,
            env={"POLARS_MAX_THREADS": "1"},
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(_warm_up)
        yield client


@contextmanager
def _remote(distributed: Any, target: Scheduler, limits: Timeouts) -> Iterator[Client]:
    """A client of the scheduler at `target`, each wait bounded by `limits`."""

    def refuse(wanted: Phrase, given: Phrase) -> InputError:
        return InputError("--scheduler", target.address, wanted, given)

    security = _security(distributed, target.tls)
    answering = expected("scheduler_answering", seconds=seconds_text(limits.connect))
    try:
        _handshake(distributed, target.address, security, limits.connect)
    except TimeoutError:
        raise refuse(answering, found("never_answered")) from None
    except OSError as exc:  # refused, unreachable, a TLS failure
        cause = root_cause(exc)
        # Dask retries until the time is up, so the last attempt was refused or cut
        # short (cancelled) depending on timing: both mean the same here.
        if isinstance(cause, ConnectionRefusedError | asyncio.CancelledError | TimeoutError):
            raise refuse(answering, found("no_connection")) from None
        raise refuse(answering, first_line(cause)) from None
    except Exception:  # e.g. another protocol's first bytes read as a frame size
        raise refuse(answering, found("not_dask_protocol")) from None
    try:
        client = distributed.Client(target.address, timeout=limits.connect, security=security)
    except (OSError, ValueError, ImportError) as exc:  # TimeoutError is an OSError
        raise refuse(answering, first_line(exc)) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=limits.workers)
        except TimeoutError:
            waited = seconds_text(limits.workers)
            raise refuse(expected("dask_worker", seconds=waited), found("none")) from None
        except OSError as exc:  # the scheduler went away meanwhile
            raise refuse(expected("scheduler_connected"), first_line(exc)) from None
        yield client


def _security(distributed: Any, tls: TlsFiles | None) -> Any:
    """Dask's TLS settings for `tls` (None: plain TCP); encryption is required."""
    if tls is None:
        return None
    return distributed.security.Security(
        tls_ca_file=tls.ca_file,
        tls_client_cert=tls.cert,
        tls_client_key=tls.key,
        require_encryption=True,
    )


def _handshake(distributed: Any, address: str, security: Any, seconds: float) -> None:
    """Open a connection to `address` and exchange Dask's handshake, within
    `seconds`. ``Client`` bounds the TCP connect but not the handshake, so a
    listener that accepts and never answers would hold it forever."""
    args = security.get_connection_args("client") if security is not None else {}

    async def shake() -> None:
        # The TCP (and TLS) connect gets most of the time, so that a refused or
        # unreachable address is reported as such, not as a silent listener.
        connecting = seconds * CONNECTING_SHARE
        comm = await distributed.comm.connect(address, timeout=connecting, **args)
        await comm.close()

    async def bounded() -> None:
        await asyncio.wait_for(shake(), seconds)

    asyncio.run(bounded())


def _warm_up() -> None:
    """Import and touch on a worker what a partition needs (the kernel's modules,
    pandas and Arrow), so the first run is not also the workers' start-up."""
    frame = pl.DataFrame({"a": [1], "b": ["x"]})
    pl.from_pandas(frame.to_pandas(use_pyarrow_extension_array=True)).lazy().select(
        pl.col("a").sum()
    ).collect(engine="streaming")


def load_part(path: str, text: bool, wanted: list[str] | None) -> PandasFrame:
    """One file as one partition, read by the function the Polars engine reads it
    with (so a CSV's cells are text, and its shape was checked by the driver)."""
    frame = scan_file(Path(path), text)
    if wanted is not None:
        present = frame.collect_schema()
        frame = frame.select([c for c in wanted if c in present])
    return frame.collect().to_pandas(use_pyarrow_extension_array=True)


def partial_of(part: PandasFrame, aggregation: Partial, text: bool) -> PandasFrame:
    """The kernel and the sums over one partition (runs on a worker)."""
    frame = pl.from_pandas(part)
    typed = reading_for(dict(frame.schema), text).apply(frame.lazy())
    result = aggregation.partial(typed).collect(engine="streaming")
    return result.to_pandas(use_pyarrow_extension_array=True)


def _wanted(source: Source, by: str | None) -> tuple[list[str] | None, dict[str, Any]]:
    """Columns to read (None: every column) and the schema of the first file, after
    checking that every file has the required columns."""
    schema: dict[str, Any] = {}
    for path in source.files:
        found = collect_schema(scan_file(path, source.text), str(path))
        check_schema(found, str(path))
        schema = schema or found
    extra = data_columns(by)
    return [*NAMES, *OUTCOME_NAMES, *extra], schema


def dask_partials(
    source: Source,
    plan: SummingPlan,
    *,
    scheduler: Scheduler | str | None = None,
    client: Client | None = None,
    progress: Progress | None = None,
) -> list[pl.DataFrame]:
    """Every partition's partial sums, computed on `client` (or on a cluster at
    `scheduler`, or on a local 2-worker cluster)."""
    if client is None:
        with connect(scheduler) as own:
            return dask_partials(source, plan, client=own, progress=progress)
    dd = _module("dask.dataframe")
    as_completed = _module("distributed").as_completed

    from .engine import check_by

    columns, schema = _wanted(source, plan.by)
    check_by(plan.by, list(schema), source.label)
    wanted = {name: schema[name] for name in columns or schema if name in schema}
    sample = pl.DataFrame(schema=wanted).to_pandas(use_pyarrow_extension_array=True)
    parts = dd.from_map(
        load_part,
        [str(p) for p in source.files],
        args=(source.text, columns),
        meta=sample,
        label="portfolio-part",
        enforce_metadata=False,
    )
    meta = partial_of(sample, plan.aggregation, source.text)
    sums = parts.map_partitions(partial_of, plan.aggregation, source.text, meta=meta)
    delayed = sums.to_delayed()
    results = _compute(client, delayed, source.files, as_completed, progress)
    return [pl.from_pandas(result) for result in results]


def _compute(
    client: Client,
    delayed: list[Any],
    files: Sequence[Path],
    as_completed: Any,
    progress: Progress | None,
) -> list[PandasFrame]:
    """The partials of `delayed` (one per file, in order); a task that fails on a
    worker is one line naming its file."""
    futures = client.compute(delayed)
    file_of = {future.key: path for future, path in zip(futures, files, strict=True)}
    done = 0
    if progress is not None:
        progress(0, None)
    for future in as_completed(futures):
        if future.status != "finished":
            raise _worker_error(file_of[future.key], future)
        if progress is not None:
            done += int(future.result()["rows"].sum())
            progress(done, None)
    return list(client.gather(futures))


def _worker_error(path: Path, future: Any) -> InputError:
    """What a failed (or cancelled) task says, as one line about its file."""
    try:
        failure = first_line(future.exception())
    except BaseException as exc:  # cancelled: the future has no exception to give
        failure = found("task_status", status=future.status, error=first_line(exc))
    return InputError(str(path), "(Dask worker)", expected("worker_readable"), failure)
