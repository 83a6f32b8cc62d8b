"""Scale: the ingest's analysis on a Dask cluster, and Parquet/JSONL shards for very large runs.

- :mod:`marsad.scale.runner`: :class:`DaskIngester`, the corpus ingest with its analysis sent to Dask
  workers (``--dask ADDRESS`` or ``--dask local:N``); the client process stays the one writer.
- :mod:`marsad.scale.shards`: shard files (Parquet with pyarrow, else JSON Lines) and
  :func:`load_shards`, which brings them into a store (``marsad load``).
- :mod:`marsad.scale.ledger`: batch ids recorded in the store's meta table, so a batch is never
  stored twice.
- :mod:`marsad.scale.cli`: the ``marsad load`` command and the ingest options ``--dask`` / ``--shards``.

Dask is optional: nothing here imports it until a cluster is asked for.
"""
