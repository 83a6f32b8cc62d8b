"""Marsad's REST API and browser interface (``marsad serve``): a FastAPI app over a corpus store.

- :mod:`marsad.web.queries`: every SQL query the web layer runs (parameterised, read-only).
- :mod:`marsad.web.app`: the FastAPI app (``create_app``), JSON API under ``/api`` and HTML pages.
- :mod:`marsad.web.render`: the article with its highlights, the timeline layout.
- ``templates/`` (Jinja2) and ``static/`` (CSS and JS written for Marsad; nothing from a CDN).
"""
