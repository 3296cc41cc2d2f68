"""Every refusal of the portfolio commands in the chosen language (issue 21): a bad
portfolio (its path, folder, manifest, header and rows), generate's and seal's
targets, and the options of impact and frontier (--shift, --by, --engine,
--scheduler and the TLS files, --field/--feature/--from/--to/--step, --plot). Under
--lang zh the line is Chinese, prefix included; under --lang en it is the English
line as before, word for word. Each is one line on stderr, exit 2, no traceback."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from credit_whatif.domain.registry import REGISTRY
from credit_whatif.domain.scenario import LEVER_TABLES as ALLOWED
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.paths import MANIFEST
from credit_whatif.portfolio.schema import NAMES, OUTCOME_NAMES
from credit_whatif.portfolio.score_bands import SCORE_BAND

from ..cli_lines import refusal_line


def _book_folder(root: Path, name: str) -> Path:
    folder = root / name
    generate(folder, 40, seed=3, parts=2)
    return folder


def _rewrite_manifest(folder: Path, change: Callable[[dict[str, object]], object]) -> None:
    record = json.loads((folder / MANIFEST).read_text("utf-8"))
    (folder / MANIFEST).write_text(json.dumps(change(record)), "utf-8")


def _csv(root: Path, name: str, edit: Callable[[list[str]], list[str]]) -> None:
    lines = (root / "book.csv").read_text("utf-8").splitlines()
    (root / name).write_text("\n".join(edit(lines)) + "\n", "utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of good and bad portfolios, targets and TLS files, built once."""
    w = tmp_path_factory.mktemp("language")
    generate(w / "book.csv", 30, seed=1)
    generate(w / "book.parquet", 30, seed=1)
    (w / "notes.txt").write_text("notes\n")
    os.mkfifo(w / "fifo.csv")
    (w / "empty").mkdir()
    (_book_folder(w, "unsealed") / MANIFEST).unlink()
    _rewrite_manifest(_book_folder(w, "unfinished"), lambda r: {**r, "complete": False})
    (_book_folder(w, "not-json") / MANIFEST).write_text("{", "utf-8")
    _rewrite_manifest(_book_folder(w, "version-2"), lambda r: {**r, "version": 2})
    generate(_book_folder(w, "extra") / "part-00002.parquet", 5, seed=9)
    (_book_folder(w, "missing-part") / "part-00001.parquet").unlink()
    (w / "empty.csv").write_text("")
    _csv(w, "header-twice.csv", lambda ls: [ls[0] + ",score", *ls[1:]])
    _csv(w, "ragged.csv", lambda ls: [*ls[:2], ls[2] + ",1", *ls[3:]])
    _csv(w, "id-twice.csv", lambda ls: [*ls[:3], "1" + ls[3][ls[3].index(",") :], *ls[4:]])
    frame = pl.read_csv(w / "book.csv", infer_schema=False)
    frame.drop("score").write_csv(w / "no-score.csv")
    frame.with_columns(pl.lit("high").alias("score")).write_csv(w / "bad-cell.csv")
    (w / "x.csv").mkdir()
    generate(w / "real.csv", 5, seed=1)
    (w / "full").mkdir()
    (w / "full" / "notes.txt").write_text("notes\n")
    (_book_folder(w, "generated") / "notes.txt").write_text("notes\n")
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (w / name).write_text("not a certificate\n")
    return w


# id: (arguments, with {w} for the folder above; environment)
CASES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    # the portfolio's path, folder and manifest
    "no such book": (("impact", "{w}/missing.csv"), {}),
    "not csv or parquet": (("impact", "{w}/notes.txt"), {}),
    "fifo": (("impact", "{w}/fifo.csv"), {}),
    "folder without parts": (("impact", "{w}/empty"), {}),
    "folder without manifest": (("impact", "{w}/unsealed"), {}),
    "unfinished book": (("impact", "{w}/unfinished"), {}),
    "manifest not json": (("impact", "{w}/not-json"), {}),
    "manifest of another version": (("impact", "{w}/version-2"), {}),
    "part not listed": (("impact", "{w}/extra"), {}),
    "part missing": (("impact", "{w}/missing-part"), {}),
    # the header and rows of a CSV
    "empty csv": (("impact", "{w}/empty.csv"), {}),
    "column named twice": (("impact", "{w}/header-twice.csv"), {}),
    "ragged row": (("impact", "{w}/ragged.csv"), {}),
    "missing column": (("impact", "{w}/no-score.csv"), {}),
    "id twice": (("impact", "{w}/id-twice.csv"), {}),
    "bad cell": (("impact", "{w}/bad-cell.csv"), {}),
    # portfolio generate and seal
    "generate into a folder": (("portfolio", "generate", "--rows", "5", "{w}/x.csv"), {}),
    "generate over a file": (("portfolio", "generate", "--rows", "5", "{w}/real.csv"), {}),
    "generate nowhere": (("portfolio", "generate", "--rows", "5", "{w}/missing/new.csv"), {}),
    "generate a txt": (("portfolio", "generate", "--rows", "5", "{w}/book.txt"), {}),
    "more parts than rows": (
        ("portfolio", "generate", "--rows", "3", "--parts", "4", "{w}/parts"),
        {},
    ),
    "parts into a full folder": (
        ("portfolio", "generate", "--rows", "5", "--parts", "2", "{w}/full"),
        {},
    ),
    "force on a folder not generated": (
        ("portfolio", "generate", "--rows", "5", "--parts", "2", "--force", "{w}/full"),
        {},
    ),
    "force on a generated book with more": (
        ("portfolio", "generate", "--rows", "5", "--parts", "2", "--force", "{w}/generated"),
        {},
    ),
    "seal nothing": (("portfolio", "seal", "{w}/nothing"), {}),
    "seal a file": (("portfolio", "seal", "{w}/notes.txt"), {}),
    "seal an empty folder": (("portfolio", "seal", "{w}/empty"), {}),
    # impact's options
    "set a borrower key": (("impact", "{w}/book.csv", "--set", "borrower.score=600"), {}),
    "shift without delta": (("impact", "{w}/book.csv", "--shift", "borrower.score"), {}),
    "shift an unknown key": (("impact", "{w}/book.csv", "--shift", "borrower.scor=5"), {}),
    "shift a tied key": (
        ("impact", "{w}/book.csv", "--shift", "borrower.overdue.current_days=5"),
        {},
    ),
    "shift by a word": (("impact", "{w}/book.csv", "--shift", "borrower.score=lots"), {}),
    "shift a region": (("impact", "{w}/book.csv", "--shift", "borrower.region=1"), {}),
    "by an unknown column": (("impact", "{w}/book.csv", "--by", "nickname"), {}),
    "scheduler with polars": (
        ("impact", "{w}/book.csv", "--engine", "polars", "--scheduler", "tcp://h:1"),
        {},
    ),
    "scheduler scheme": (("impact", "{w}/book.csv", "--scheduler", "udp://h:1"), {}),
    "tls without files": (("impact", "{w}/book.csv", "--scheduler", "tls://h:1"), {}),
    "scheduler without port": (("impact", "{w}/book.csv", "--scheduler", "tcp://h"), {}),
    "scheduler without host": (("impact", "{w}/book.csv", "--scheduler", "tcp://:1"), {}),
    "scheduler host": (("impact", "{w}/book.csv", "--scheduler", "tcp://h!:1"), {}),
    "scheduler port": (("impact", "{w}/book.csv", "--scheduler", "tcp://h:99999"), {}),
    "ipv6 without brackets": (("impact", "{w}/book.csv", "--scheduler", "tcp://::1:8786"), {}),
    "ipv6 in brackets": (("impact", "{w}/book.csv", "--scheduler", "tcp://[zz]:1"), {}),
    "tls files alone": (
        ("impact", "{w}/book.csv", "--tls-ca-file", "{w}/ca.pem", "--tls-cert", "{w}/cert.pem"),
        {},
    ),
    "tls files without scheduler": (
        (
            *("impact", "{w}/book.csv", "--tls-ca-file", "{w}/ca.pem"),
            *("--tls-cert", "{w}/cert.pem", "--tls-key", "{w}/key.pem"),
        ),
        {},
    ),
    "tls files with tcp": (
        (
            *("impact", "{w}/book.csv", "--scheduler", "tcp://h:1", "--tls-ca-file", "{w}/ca.pem"),
            *("--tls-cert", "{w}/cert.pem", "--tls-key", "{w}/key.pem"),
        ),
        {},
    ),
    "timeout": (
        ("impact", "{w}/book.csv", "--scheduler", "tcp://127.0.0.1:1"),
        {"CREDIT_WHATIF_DASK_TIMEOUT": "0"},
    ),
    # frontier's options
    "unknown field": (("frontier", "{w}/book.csv", "--field", "withdrawl_min_score"), {}),
    "switch field": (("frontier", "{w}/book.csv", "--field", "limit_increases_open"), {}),
    "feature the field leaves alone": (
        ("frontier", "{w}/book.csv", "--field", "withdrawal_min_score", "--feature", "repayment"),
        {},
    ),
    "from out of range": (
        ("frontier", "{w}/book.csv", "--field", "withdrawal_min_score", "--from", "0"),
        {},
    ),
    "step zero": (
        ("frontier", "{w}/book.csv", "--field", "withdrawal_min_score", "--step", "0"),
        {},
    ),
    "to below from": (
        (
            *("frontier", "{w}/book.csv", "--field", "withdrawal_min_score"),
            *("--from", "700", "--to", "600"),
        ),
        {},
    ),
    "too many points": (
        (
            *("frontier", "{w}/book.csv", "--field", "withdrawal_min_score"),
            *("--from", "350", "--to", "950", "--step", "1"),
        ),
        {},
    ),
    "plot png": (
        ("frontier", "{w}/book.csv", "--field", "withdrawal_min_score", "--plot", "curve.png"),
        {},
    ),
    "plot nowhere": (
        (
            *("frontier", "{w}/book.csv", "--field", "withdrawal_min_score"),
            *("--plot", "{w}/nowhere/curve.svg"),
        ),
        {},
    ),
}

# id: (the English line, the Chinese line), after the prefix; {w} is the folder, and
# the names that follow from the registry and the generated book are filled in by
# fields() (so that a new column or lever changes them here too).
LINES: dict[str, tuple[str, str]] = {
    "bad cell": (
        "{w}/bad-cell.csv: score (row 1, id '1'): expected an integer 350..950, found text 'high'",
        "{w}/bad-cell.csv：score（第 1 行，id '1'）：应为350 到 950 之间的整数，实际为文本 'high'",
    ),
    "by an unknown column": (
        "--by: nickname: expected a column to group by: {groups_en}, or another "
        "column, found no column 'nickname' in {w}/book.csv",
        "--by：nickname：应为可用于分组的列：{groups_zh} "
        "或其他列，实际为{w}/book.csv 中没有 'nickname' 列",
    ),
    "column named twice": (
        "{w}/header-twice.csv: (header): expected each column named once, found "
        "'score' as column {score_at} and again as column {wider}",
        "{w}/header-twice.csv：（表头）：应为每个列名只出现一次，实际为'score' "
        "既是第 {score_at} 列，又是第 {wider} 列",
    ),
    "empty csv": (
        "{w}/empty.csv: (header): expected a header line naming the columns, found an empty file",
        "{w}/empty.csv：（表头）：应为列出各列名称的表头行，实际为空文件",
    ),
    "feature the field leaves alone": (
        "--feature: repayment: expected a feature withdrawal_min_score changes: "
        "cash_withdrawal, found 'repayment'",
        "--feature：repayment：应为withdrawal_min_score "
        "影响的功能：cash_withdrawal，实际为'repayment'",
    ),
    "fifo": (
        "{w}/fifo.csv: (file): expected a .csv or .parquet file, or a folder of "
        ".parquet files, found a FIFO (named pipe)",
        "{w}/fifo.csv：（文件）：应为.csv 或 .parquet 文件，或存放 .parquet "
        "文件的文件夹，实际为FIFO（命名管道）",
    ),
    "folder without manifest": (
        "{w}/unsealed: _manifest.json: expected a manifest that marks the folder a "
        "complete book (for Parquet parts made by another tool, check them and write "
        "one with: credit-whatif portfolio seal {w}/unsealed), found none",
        "{w}/unsealed：_manifest.json：应为标明该文件夹为完整资产组合的清单（分片若由"
        "其他工具生成，请检查后用 credit-whatif portfolio seal {w}/unsealed "
        "写入清单），实际为没有",
    ),
    "folder without parts": (
        "{w}/empty: (folder): expected a .csv or .parquet file, or a folder of "
        ".parquet files, found a folder without .parquet files",
        "{w}/empty：（文件夹）：应为.csv 或 .parquet 文件，或存放 .parquet "
        "文件的文件夹，实际为没有 .parquet 文件的文件夹",
    ),
    "force on a folder not generated": (
        "{w}/full: _manifest.json: expected a book that portfolio generate wrote "
        "(--force replaces nothing else), found a folder without one",
        "{w}/full：_manifest.json：应为由 portfolio generate 生成的资产组合（--force "
        "不替换其他内容），实际为没有清单的文件夹",
    ),
    "force on a generated book with more": (
        "{w}/generated: notes.txt: expected only the parts and manifest of a "
        "generated book (--force replaces nothing else), found another file",
        "{w}/generated：notes.txt：应为只有生成的资产组合的分片和清单（--force "
        "不替换其他内容），实际为其他文件",
    ),
    "from out of range": (
        "--from: --field withdrawal_min_score: expected a value of "
        "withdrawal_min_score in 350..950, found 0",
        "--from：--field withdrawal_min_score：应为withdrawal_min_score 在 350 到 "
        "950 之间的取值，实际为0",
    ),
    "generate a txt": (
        "{w}/book.txt: (file): expected a path ending in .csv or .parquet, or "
        "--parts K for a folder, found a .txt path",
        "{w}/book.txt：（文件）：应为以 .csv 或 .parquet 结尾的路径，或用 --parts K "
        "写入文件夹，实际为.txt 路径",
    ),
    "generate into a folder": (
        "{w}/x.csv: (file): expected a name for the new file, found a folder",
        "{w}/x.csv：（文件）：应为新文件的名称，实际为文件夹",
    ),
    "generate nowhere": (
        "{w}/missing/new.csv: (folder): expected an existing folder to write into "
        "({w}/missing), found no such folder",
        "{w}/missing/new.csv：（文件夹）：应为已存在、可写入的文件夹（{w}/missing），"
        "实际为文件夹不存在",
    ),
    "generate over a file": (
        "{w}/real.csv: (file): expected a new file (or --force to replace it), found "
        "an existing file",
        "{w}/real.csv：（文件）：应为新文件（或用 --force 替换），实际为已存在的文件",
    ),
    "id twice": (
        "{w}/id-twice.csv: id (row 3, id '1'): expected each borrower once (a unique "
        "id), found the same id at row 1",
        "{w}/id-twice.csv：id（第 3 行，id '1'）：应为每位借款人只出现一次（id "
        "不重复），实际为第 1 行已有相同的 id",
    ),
    "ipv6 in brackets": (
        "--scheduler: tcp://[zz]:1: expected an IPv6 address in brackets, e.g. [::1], found [zz]",
        "--scheduler：tcp://[zz]:1：应为写在方括号中的 IPv6 地址，例如 [::1]，实际为[zz]",
    ),
    "ipv6 without brackets": (
        "--scheduler: tcp://::1:8786: expected an IPv6 address in brackets, e.g. "
        "tcp://[::1]:8786, found '::1'",
        "--scheduler：tcp://::1:8786：应为写在方括号中的 IPv6 地址，例如 "
        "tcp://[::1]:8786，实际为'::1'",
    ),
    "manifest not json": (
        "{w}/not-json/_manifest.json: (file): expected a portfolio manifest "
        "('credit-whatif portfolio' JSON, version 1), found Expecting property name "
        "enclosed in double quotes: line 1 column 2 (char 1)",
        "{w}/not-json/_manifest.json：（文件）：应为资产组合清单（'credit-whatif "
        "portfolio' JSON，版本 1），实际为错误：Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1)",
    ),
    "manifest of another version": (
        "{w}/version-2/_manifest.json: (file): expected a portfolio manifest "
        "('credit-whatif portfolio' JSON, version 1), found ValueError version 2",
        "{w}/version-2/_manifest.json：（文件）：应为资产组合清单（'credit-whatif "
        "portfolio' JSON，版本 1），实际为版本 2",
    ),
    "missing column": (
        "{w}/no-score.csv: score: expected a column named 'score' (an integer "
        "350..950), found no such column (columns: {columns_en})",
        "{w}/no-score.csv：score：应为名为 'score' 的列（350 到 950 "
        "之间的整数），实际为没有这一列（现有列：{columns_zh}）",
    ),
    "more parts than rows": (
        "--parts: parts: expected 1..3 (at most one per borrower), found 4",
        "--parts：parts：应为1 到 3（每位借款人至多一个分片），实际为4",
    ),
    "no such book": (
        "{w}/missing.csv: (file): expected a .csv or .parquet file, or a folder of "
        ".parquet files, found no such file or folder",
        "{w}/missing.csv：（文件）：应为.csv 或 .parquet 文件，或存放 .parquet "
        "文件的文件夹，实际为文件或文件夹不存在",
    ),
    "not csv or parquet": (
        "{w}/notes.txt: (file): expected a .csv or .parquet file, or a folder of "
        ".parquet files, found a .txt file",
        "{w}/notes.txt：（文件）：应为.csv 或 .parquet 文件，或存放 .parquet "
        "文件的文件夹，实际为.txt 文件",
    ),
    "part missing": (
        "{w}/missing-part: part-00001.parquet: expected the part that _manifest.json "
        "lists, found no such file",
        "{w}/missing-part：part-00001.parquet：应为_manifest.json 列出的分片，实际为文件不存在",
    ),
    "part not listed": (
        "{w}/extra: part-00002.parquet: expected only the parts that _manifest.json "
        "lists, found a part it does not list",
        "{w}/extra：part-00002.parquet：应为只有 _manifest.json 列出的分片，实际为清单未列出的分片",
    ),
    "parts into a full folder": (
        "{w}/full: (folder): expected a new or empty folder for the parts (or "
        "--force to replace a generated book), found one with files",
        "{w}/full：（文件夹）：应为存放分片的新文件夹或空文件夹（或用 --force "
        "替换生成的资产组合），实际为有文件的文件夹",
    ),
    "plot nowhere": (
        "--plot: {w}/nowhere/curve.svg: expected a path in an existing folder, found "
        "no such folder",
        "--plot：{w}/nowhere/curve.svg：应为已存在的文件夹中的路径，实际为文件夹不存在",
    ),
    "plot png": (
        "--plot: curve.png: expected a path ending in .svg or .txt, found a .png path",
        "--plot：curve.png：应为以 .svg 或 .txt 结尾的路径，实际为.png 路径",
    ),
    "ragged row": (
        "{w}/ragged.csv: row 2 (line 3): expected {width} fields, as in the header, "
        "found {wider} fields",
        "{w}/ragged.csv：第 2 行（文件第 3 行）：应为{width} "
        "个字段（与表头相同），实际为{wider} 个字段",
    ),
    "scheduler host": (
        "--scheduler: tcp://h!:1: expected a host name or IP address, found 'h!'",
        "--scheduler：tcp://h!:1：应为主机名或 IP 地址，实际为'h!'",
    ),
    "scheduler port": (
        "--scheduler: tcp://h:99999: expected a port 1..65535, found '99999'",
        "--scheduler：tcp://h:99999：应为1 到 65535 之间的端口，实际为'99999'",
    ),
    "scheduler scheme": (
        "--scheduler: udp://h:1: expected tcp://HOST:PORT (or tls://HOST:PORT with "
        "--tls-ca-file, --tls-cert and --tls-key), found scheme 'udp'",
        "--scheduler：udp://h:1：应为tcp://HOST:PORT（或 tls://HOST:PORT，同时给出 "
        "--tls-ca-file、--tls-cert 和 --tls-key），实际为协议 'udp'",
    ),
    "scheduler with polars": (
        "--scheduler: tcp://h:1: expected --engine dask (or no --engine), found --engine polars",
        "--scheduler：tcp://h:1：应为--engine dask（或不给 --engine），实际为--engine polars",
    ),
    "scheduler without host": (
        "--scheduler: tcp://:1: expected a host name or IP address before :PORT, "
        "found an empty host",
        "--scheduler：tcp://:1：应为:PORT 前的主机名或 IP 地址，实际为空的主机名",
    ),
    "scheduler without port": (
        "--scheduler: tcp://h: expected a port after the host, e.g. "
        "tcp://10.0.0.5:8786, found no port",
        "--scheduler：tcp://h：应为主机名后的端口，例如 tcp://10.0.0.5:8786，实际为没有端口",
    ),
    "seal a file": (
        "{w}/notes.txt: (folder): expected a folder of .parquet files, found a regular file",
        "{w}/notes.txt：（文件夹）：应为存放 .parquet 文件的文件夹，实际为普通文件",
    ),
    "seal an empty folder": (
        "{w}/empty: (folder): expected a .csv or .parquet file, or a folder of "
        ".parquet files, found a folder without .parquet files",
        "{w}/empty：（文件夹）：应为.csv 或 .parquet 文件，或存放 .parquet "
        "文件的文件夹，实际为没有 .parquet 文件的文件夹",
    ),
    "seal nothing": (
        "{w}/nothing: (folder): expected a folder of .parquet files, found no such folder",
        "{w}/nothing：（文件夹）：应为存放 .parquet 文件的文件夹，实际为文件夹不存在",
    ),
    "set a borrower key": (
        "--set borrower.score=600: borrower.score: expected a key under "
        "{allowed_en}, found 'borrower.score'",
        "--set borrower.score=600：borrower.score：应为{allowed_zh} 下的键，实际为'borrower.score'",
    ),
    "shift a tied key": (
        "--shift: borrower.overdue.current_days=5: expected one of {shiftable}, "
        "found 'borrower.overdue.current_days', tied to the other overdue fields",
        "--shift：borrower.overdue.current_days=5：应为{shiftable} "
        "之一，实际为'borrower.overdue.current_days'，与其他逾期字段相互关联",
    ),
    "shift a region": (
        "--shift: borrower.region=1: expected one of {shiftable}, "
        "found 'borrower.region', which is not a number",
        "--shift：borrower.region=1：应为{shiftable} 之一，实际为'borrower.region'（不是数值）",
    ),
    "shift an unknown key": (
        "--shift: borrower.scor=5: expected one of {shiftable}, found "
        "'borrower.scor' (did you mean 'borrower.score'?)",
        "--shift：borrower.scor=5：应为{shiftable} "
        "之一，实际为'borrower.scor'（是否想输入 'borrower.score'？）",
    ),
    "shift by a word": (
        "--shift: borrower.score=lots: expected a whole number to add, such as -30 "
        "or 5000, found 'lots'",
        "--shift：borrower.score=lots：应为要加上的整数，例如 −30 或 5000，实际为'lots'",
    ),
    "shift without delta": (
        "--shift: borrower.score: expected KEY=DELTA, such as borrower.score=-30, found no '='",
        "--shift：borrower.score：应为KEY=DELTA，例如 borrower.score=−30，实际为没有“=”",
    ),
    "step zero": (
        "--step: --field withdrawal_min_score: expected a positive step, found 0",
        "--step：--field withdrawal_min_score：应为正数步长，实际为0",
    ),
    "switch field": (
        "--field: limit_increases_open: expected a number of the policy, found a "
        "switch (on or off)",
        "--field：limit_increases_open：应为政策中的数值，实际为开关（开或关）",
    ),
    "timeout": (
        "CREDIT_WHATIF_DASK_TIMEOUT: (environment): expected a number of seconds "
        "above 0, e.g. 60, found '0'",
        "CREDIT_WHATIF_DASK_TIMEOUT：（环境变量）：应为大于 0 的秒数，例如 60，实际为'0'",
    ),
    "tls files alone": (
        "--tls-key: (not given): expected --tls-ca-file, --tls-cert and --tls-key "
        "together (or none of them), found only --tls-ca-file and --tls-cert",
        "--tls-key：（未给出）：应为同时给出 --tls-ca-file、--tls-cert 和 "
        "--tls-key（或都不给），实际为只给出了 --tls-ca-file 和 --tls-cert",
    ),
    "tls files with tcp": (
        "--scheduler: tcp://h:1: expected tls://HOST:PORT (as --tls-ca-file, "
        "--tls-cert and --tls-key are given), found scheme 'tcp'",
        "--scheduler：tcp://h:1：应为tls://HOST:PORT（因为已给出 "
        "--tls-ca-file、--tls-cert 和 --tls-key），实际为协议 'tcp'",
    ),
    "tls files without scheduler": (
        "--tls-ca-file: {w}/ca.pem: expected --scheduler tls://HOST:PORT, found no --scheduler",
        "--tls-ca-file：{w}/ca.pem：应为--scheduler tls://HOST:PORT，实际为没有 --scheduler",
    ),
    "tls without files": (
        "--scheduler: tls://h:1: expected --tls-ca-file, --tls-cert and --tls-key "
        "with a tls:// address, found none of them",
        "--scheduler：tls://h:1：应为使用 tls:// 地址时给出 "
        "--tls-ca-file、--tls-cert 和 --tls-key，实际为一个也没有",
    ),
    "to below from": (
        "--to: --field withdrawal_min_score: expected a value of at least --from (700), found 600",
        "--to：--field withdrawal_min_score：应为不小于 --from（700）的取值，实际为600",
    ),
    "too many points": (
        "--step: --field withdrawal_min_score: expected at most 401 points from "
        "--from to --to, found 601",
        "--step：--field withdrawal_min_score：应为从 --from 到 --to 不超过 401 个点，实际为601",
    ),
    "unfinished book": (
        "{w}/unfinished: _manifest.json: expected a complete book, found an "
        "unfinished one: `portfolio generate` stopped before writing every part "
        "(generate it again with --force)",
        "{w}/unfinished：_manifest.json：应为完整的资产组合，实际为未完成的资产组合："
        "`portfolio generate` 在写完所有分片前停止了（请加 --force 重新生成）",
    ),
    "unknown field": (
        "--field: withdrawl_min_score: expected a policy field (did you mean "
        "'withdrawal_min_score'?), found 'withdrawl_min_score'",
        "--field：withdrawl_min_score：应为政策字段（是否想输入 "
        "'withdrawal_min_score'？），实际为'withdrawl_min_score'",
    ),
}


def fields(root: Path) -> dict[str, object]:
    header = (root / "book.csv").read_text("utf-8").splitlines()[0].split(",")
    others = [c for c in header if c != "score"]
    groups = ["region", SCORE_BAND, *(c for c in header if c not in (*NAMES, *OUTCOME_NAMES))]
    shiftable = [i.key for i in REGISTRY.columns if i.kind.is_number and not i.ties]
    return {
        "w": root,
        "allowed_en": " or ".join(f"{a}." for a in ALLOWED),
        "allowed_zh": " 或 ".join(f"{a}." for a in ALLOWED),
        "shiftable": ", ".join(shiftable),
        "groups_en": ", ".join(groups),
        "groups_zh": "、".join(groups),
        "columns_en": ", ".join(others[:15]) + (" ..." if len(others) > 15 else ""),
        "columns_zh": "、".join(others[:15]) + ("等" if len(others) > 15 else ""),
        "width": len(header),
        "wider": len(header) + 1,
        "score_at": header.index("score") + 1,
    }


def error_line(root: Path, case: str, lang: str) -> str:
    args, env = CASES[case]
    return refusal_line([a.format(w=root) for a in args], lang, env)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_refusal_is_one_line_in_the_chosen_language(root: Path, case: str) -> None:
    en, zh = LINES[case]
    assert error_line(root, case, "en") == en.format(**fields(root))
    assert error_line(root, case, "zh") == zh.format(**fields(root))
