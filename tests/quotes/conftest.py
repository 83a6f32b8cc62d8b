"""The quote tests use the event tests' pipeline with hand-written entity and time layers
(tests/events/conftest.py), loaded from there so the tables live in one place."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_NAME = "marsad_tests_events_conftest"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).resolve().parents[1] / "events" / "conftest.py")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_NAME] = _module
    _spec.loader.exec_module(_module)
_shared = sys.modules[_NAME]

NAMES = _shared.NAMES
FakeTimes = _shared.FakeTimes
pipe = _shared.pipe
run = _shared.run
events = _shared.events
