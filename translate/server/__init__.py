"""The desk server (``translate serve``): LibreTranslate's HTTP API with glossaries, and
the review page for editors.  ``app`` builds the ASGI application; ``review`` holds the
page's routes and static assets."""
