"""``python -m qrdir``: the same program as the ``qrdir`` command."""

from qrdir.cli import main

main(prog_name="qrdir")
