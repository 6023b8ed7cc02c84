"""qrdir: a ward's registry of public offices → landing pages, QR codes and print-ready posters.

The library lives in one subpackage per stage of the pipeline (docs/architecture.md):
``registry`` (read, validate, check a registry), ``web`` and ``posters`` (the two halves of the
output), ``build`` (one ward or a province, incremental and atomic), ``sheets`` (spreadsheets
in and out) and ``deploy`` (deploy targets). The command line in ``cli`` is a thin layer over
:func:`qrdir.build.ward.build` and friends.
"""

__version__ = "0.2.0"
