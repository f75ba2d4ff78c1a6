"""The web application and JSON API (``liaison serve``): FastAPI, Jinja2, no JavaScript build."""
