"""The confidence under which events are not reported by default (stored and shown on request)."""

DEFAULT_MIN_CONFIDENCE = 0.0
