"""Portfolio impact: the rule registry evaluated over a whole loan book at once.

- :mod:`.columns`: the portfolio's columns, how each is read and checked;
- :mod:`.generate`: a synthetic, reproducible portfolio;
- :mod:`.kernel`: Polars expressions generated from the registry (no rule written twice);
- :mod:`.impact`: baseline against scenario, aggregated per feature and per group;
- :mod:`.live`: a portfolio held in memory for the explorer's live view;
- :mod:`.dask_engine`: the same kernel per partition on a Dask cluster;
- :mod:`.report` and :mod:`.cli`: Rich tables, JSON and the commands.

Nothing here is imported by ``credit_whatif`` itself: Polars loads only when a
portfolio command (or the explorer's Portfolio view) runs.
"""
