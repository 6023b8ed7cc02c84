"""qrdir: a ward's registry of public offices → landing pages, QR codes and print-ready posters.

The library API lives in the modules named for each stage of the pipeline:
``registry`` (YAML → positioned nodes), ``validate`` (nodes → ``model`` + problems),
``pages``, ``qr``, ``posters`` (renderers) and ``publish`` (the atomic output folder).
The command line in ``cli`` is a thin layer over :func:`qrdir.build.ward.build` and friends.
"""

__version__ = "0.2.0"
