"""The demo dataset: ITU's relations with the UN system, January 2017 to April 2018.

Drawn from the ITU Council report "Collaboration with the United Nations system" (2018), in
Liaison's own words, as import files (``data/*.yaml``) that ``liaison demo`` loads.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def data_folder() -> Path:
    """The folder of the demo dataset's import files."""
    with as_file(files("liaison.demo").joinpath("data")) as folder:
        return Path(folder)
