"""`marsad` (the real command line, marsad.cli.main) with a light analysis pipeline so that fault
tests run in seconds: T_DELAY seconds a document, T_BUSY overrides the store's busy timeout."""

import os
import sys
import time

import marsad.corpus.ingest as ingest_mod
import marsad.corpus.store as store_mod
from marsad.pipeline import Pipeline
from marsad.text.stage import TextStage

DELAY = float(os.environ.get("T_DELAY", "0"))
if os.environ.get("T_BUSY"):
    store_mod.BUSY_TIMEOUT_S = float(os.environ["T_BUSY"])


class Light:
    def __init__(self):
        self.pipeline = Pipeline([TextStage()])

    def run(self, doc):
        if DELAY:
            time.sleep(DELAY)
        return self.pipeline.run(doc)


ingest_mod._default_factory = Light

if __name__ == "__main__":
    from marsad.cli import main

    sys.exit(main(sys.argv[1:]))
