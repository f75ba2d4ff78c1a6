"""``python -m liaison``: the same as the ``liaison`` command."""

from liaison.cli.app import main

main()
