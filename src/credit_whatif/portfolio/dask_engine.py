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

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl

from ..files.errors import InputError
from .columns import (
    NAMES,
    Source,
    check_schema,
    collect_schema,
    polars_errors,
    reading_for,
    scan_file,
)
from .impact import Aggregation, ImpactPlan, data_columns

Progress = Callable[[int, int | None], None]
LOCAL_WORKERS = 2
CONNECT_TIMEOUT = "10s"  # how long to try reaching a --scheduler


Client = Any  # distributed.Client; Dask's modules are untyped, so they are held as Any
PandasFrame = Any  # a pandas DataFrame: one partition, or its partial sums


def _module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise InputError(
            "--engine",
            "dask",
            "the Dask engine installed: pip install 'credit-whatif[dask]'",
            str(exc),
        ) from None


@contextmanager
def connect(scheduler: str | None = None, workers: int = LOCAL_WORKERS) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a local cluster of `workers`
    processes (one thread each) that is shut down afterwards."""
    distributed = _module("distributed")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster  # noqa: N806

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(
                "--scheduler",
                scheduler,
                "the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786",
                first,
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
            env={"POLARS_MAX_THREADS": "1"},
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm_up)
        yield client


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


def partial_of(part: PandasFrame, aggregation: Aggregation, text: bool) -> PandasFrame:
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
    return [*NAMES, *extra], schema


def dask_partials(
    source: Source,
    plan: ImpactPlan,
    *,
    scheduler: str | None = None,
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
    with polars_errors(source.label):
        futures = client.compute(delayed)
        done = 0
        if progress is not None:
            progress(0, None)
            for future in as_completed(futures):
                done += int(future.result()["rows"].sum())
                progress(done, None)
        results = client.gather(futures)
    return [pl.from_pandas(result) for result in results]
