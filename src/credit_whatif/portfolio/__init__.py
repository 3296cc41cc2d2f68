"""Portfolio impact: the rule registry evaluated over a whole loan book at once.

- :mod:`.paths`: what a portfolio path may be, and the manifest of a folder of parts
  (no Polars: checked at the explorer's start-up);
- :mod:`.columns`: the portfolio's columns (one per input that declares one), how each
  is read and checked;
- :mod:`.csv_shape` and :mod:`.ids`: a CSV's header and row widths; one row per id;
- :mod:`.seal`: the manifest for parts that another tool wrote;
- :mod:`.generate`: a synthetic, reproducible portfolio;
- :mod:`.kernel`: Polars expressions generated from the registry (no rule written
  twice), over the terms and stages of :mod:`.terms`;
- :mod:`.impact`: baseline against scenario, aggregated per feature and per group;
  what a run found, and its JSON, in :mod:`.impact_report`; the score bands of
  ``--by score_band`` in :mod:`.score_bands`;
- :mod:`.live`: a portfolio held in memory for the explorer's live view;
- :mod:`.dask_engine` and :mod:`.scheduler`: the same kernel per partition on a Dask
  cluster, and the checked address of one;
- :mod:`.report` and :mod:`.cli`: Rich tables, JSON and the commands.

Nothing here is imported by ``credit_whatif`` itself: Polars loads only when a
portfolio command (or the explorer's Portfolio view) runs.
"""
