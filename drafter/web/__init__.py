"""The local web workbench (pip install 'gongwen-drafter[web]'): write, edit and review reports in a browser.

`drafter serve` runs it; `create_app` (in drafter.web.app) is the FastAPI app, importing FastAPI only there.
"""

from .server import is_loopback, require_web, running, serve
from .workbench import Workbench

__all__ = ["Workbench", "is_loopback", "require_web", "running", "serve"]
