"""Putting a built output folder where residents reach it (publish.md "`qrdir deploy`").

``targets`` checks the target forms ``directory.deploy`` and ``--to`` may take; ``target`` is
the one small interface each kind implements (``folder`` for ``file://``, ``git`` for
``git:``, ``s3`` for ``s3://``, ``sftp`` for ``sftp://``), chosen by ``target.open_target``;
``plan`` decides what moves and in which order, and refuses what would break a printed code
or delete too much; ``run`` is one ``qrdir deploy``. It never builds: it takes a folder
:mod:`qrdir.build` has published.
"""
