"""The Dask worker plugin that loads the pipeline when a worker joins (it imports ``distributed``;
:mod:`marsad.scale.runner` imports it only once a cluster is asked for)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from distributed.diagnostics.plugin import WorkerPlugin

from marsad.scale.runner import _factory_key, worker_pipeline

log = logging.getLogger(__name__)


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline of ``factory`` in each worker as it starts (beside the worker's event loop,
    so heartbeats go on), where :func:`marsad.scale.runner.worker_pipeline` keeps it for every task.
    A factory that fails here is only logged: the first task builds it again and fails in its own
    right, and Dask retries that task."""

    idempotent = False

    def __init__(self, factory: Callable):
        self.factory = factory
        self.name = "marsad-pipeline-" + _factory_key(factory)

    async def setup(self, worker) -> None:
        try:
            await asyncio.to_thread(worker_pipeline, self.factory)
        except Exception as exc:  # noqa: BLE001 - see the class docstring
            log.warning("marsad: the pipeline did not load on %s (%s: %s)", getattr(worker, "address", "a worker"),
                        type(exc).__name__, exc)
