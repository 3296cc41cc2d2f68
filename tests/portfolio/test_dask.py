"""The Dask engine on a local 2-worker cluster gives exactly the Polars engine's
results on a multi-part Parquet folder (and on CSV), and reports bad rows the same
way. The test starts the cluster it needs and shuts it down."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from credit_whatif.cli import main
from credit_whatif.domain import Health, PolicyLevers, Systems, Tightening
from credit_whatif.files.errors import InputError
from credit_whatif.portfolio.columns import find_source
from credit_whatif.portfolio.dask_engine import connect, dask_partials
from credit_whatif.portfolio.engine import polars_partials
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.impact import ImpactPlan
from credit_whatif.portfolio.kernel import Levers, Side

from ..strategies import DEFAULT

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with connect(workers=2) as running:
        assert len(running.scheduler_info()["workers"]) == 2
        yield running


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "parts"
    generate(path, 24_000, seed=21, parts=8)
    return path


SCENARIO = Side(
    Levers(
        Systems(disbursement=Health.DEGRADED, account_service=Health.DEGRADED),
        PolicyLevers(Tightening.TIGHTENED, ("CN-GD", "CN-JS")),
    ),
    DEFAULT,
)


@pytest.mark.parametrize("by", [None, "region", "score_band", "opened_year"])
def test_dask_and_polars_agree_on_a_folder_of_parts(
    client: object, folder: Path, by: str | None
) -> None:
    source = find_source(folder)
    assert len(source.files) == 8
    plan = ImpactPlan.build(Side(Levers(), DEFAULT), SCENARIO, by)
    with_polars = plan.report(plan.combine(polars_partials(source, plan)))
    partials = dask_partials(source, plan, client=client)  # type: ignore[arg-type]
    assert len(partials) == 8
    with_dask = plan.report(plan.combine(partials))
    assert with_polars.rows == with_dask.rows == 24_000
    assert with_dask.to_json() == with_polars.to_json()
    assert with_dask["cash_withdrawal"].lost > 0


def test_the_command_runs_on_a_scheduler(client: object, folder: Path) -> None:
    address = client.scheduler.address  # type: ignore[attr-defined]
    args = ["impact", str(folder), "--set", "system.disbursement=down", "--by", "region", "--json"]
    polars = CliRunner().invoke(main, args, catch_exceptions=False)
    dask = CliRunner().invoke(main, [*args, "--scheduler", address], catch_exceptions=False)
    assert polars.exit_code == dask.exit_code == 0, dask.stderr
    assert json.loads(dask.stdout) == json.loads(polars.stdout)
    refused = CliRunner().invoke(main, [*args, "--engine", "polars", "--scheduler", address])
    assert refused.exit_code == 2


def test_csv_and_bad_rows_go_through_dask_the_same_way(client: object, tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    generate(path, 3_000, seed=4)
    source = find_source(path)
    plan = ImpactPlan.build(Side(Levers(), DEFAULT), SCENARIO)
    expected = plan.report(plan.combine(polars_partials(source, plan))).to_json()
    got = plan.report(plan.combine(dask_partials(source, plan, client=client))).to_json()  # type: ignore[arg-type]
    assert got == expected
    frame = pl.read_csv(path, infer_schema=False)
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 99)
        .then(pl.lit("9999"))
        .otherwise(pl.col("score"))
        .alias("score")
    )
    frame.write_csv(path)
    from credit_whatif.portfolio.engine import run_impact

    errors = []
    for engine in ("polars", "dask"):
        with pytest.raises(InputError) as caught:
            if engine == "dask":
                run_impact(
                    path,
                    Side(Levers(), DEFAULT),
                    SCENARIO,
                    engine="dask",
                    scheduler=client.scheduler.address,
                )  # type: ignore[attr-defined]
            else:
                run_impact(path, Side(Levers(), DEFAULT), SCENARIO)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert "score (row 100, id '100')" in errors[0]


def _spoil_the_rows(path: Path) -> None:
    """Overwrite a Parquet file's data pages and keep its footer: the driver still
    reads the schema, and only a worker, reading the rows, finds out."""
    data = bytearray(path.read_bytes())
    footer = int.from_bytes(data[-8:-4], "little")
    data[4 : len(data) - 8 - footer] = b"\xff" * (len(data) - 12 - footer)
    path.write_bytes(bytes(data))
    assert pl.read_parquet_schema(path)["score"] == pl.Int16


@pytest.fixture(scope="module")
def spoiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of 3 parts whose second has unreadable rows, and that part."""
    path = tmp_path_factory.mktemp("spoiled") / "parts"
    generate(path, 3_000, seed=5, parts=3)
    part = sorted(path.iterdir())[1]
    _spoil_the_rows(part)
    return path, part


def worker_failure(part: Path) -> str:
    return (
        f"credit-whatif: error: {part}: (Dask worker): expected a file every worker can read "
        "and compute, found ComputeError: parquet: "
    )


def test_a_part_a_worker_cannot_read_is_one_line(
    client: object, spoiled: tuple[Path, Path]
) -> None:
    folder, part = spoiled
    address = client.scheduler.address  # type: ignore[attr-defined]
    result = CliRunner().invoke(main, ["impact", str(folder), "--json", "--scheduler", address])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(worker_failure(part))
    assert result.stderr.count("\n") == 1


def test_a_worker_failure_speaks_the_chosen_language(
    client: object, spoiled: tuple[Path, Path]
) -> None:
    folder, part = spoiled
    address = client.scheduler.address  # type: ignore[attr-defined]
    args = ["impact", str(folder), "--json", "--scheduler", address, "--lang", "zh"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"credit-whatif：错误：{part}：（Dask 工作进程）：应为每个工作进程都能读取和计算的文件，"
        "实际为错误：ComputeError: parquet: "
    )
    assert result.stderr.count("\n") == 1


@pytest.mark.slow
def test_a_worker_failure_on_the_local_cluster_prints_one_line_and_no_log(
    spoiled: tuple[Path, Path],
) -> None:
    """In a real process: the local cluster's workers are its children and share its
    stderr, where Dask used to log the failed task (7 lines) before the error."""
    folder, part = spoiled
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "impact", str(folder), "--engine", "dask"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(worker_failure(part))
    assert result.stderr.count("\n") == 1


def test_the_local_cluster_serves_no_dashboard(client: object) -> None:
    """Dask serves its info, JSON and metrics pages (on port 8787) even with
    ``dashboard_address=None``; the local cluster answers 404 to all of them, from
    127.0.0.1 only, on the scheduler and on each worker."""
    cluster = client.cluster  # type: ignore[attr-defined]
    scheduler = cluster.scheduler.http_server
    assert scheduler.address == "127.0.0.1"
    assert scheduler.port != 8787
    workers = client.scheduler_info()["workers"]  # type: ignore[attr-defined]
    ports = [scheduler.port, *(w["services"]["dashboard"] for w in workers.values())]
    assert len(ports) == 3
    for port in ports:
        for page in (
            "/status",
            "/info/main/workers.html",
            "/json/identity.json",
            "/metrics",
            "/health",
        ):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{page}", timeout=10)
            assert caught.value.code == 404
