"""A registry read and understood: from ``sites.yaml``'s bytes to a checked, dated model.

Owns the format (``schema``, declared once), reading YAML with positions (``reader``),
validation into typed records (``validate`` → ``model``), the normalisers (``phones``, ``text``,
``example_names``), the issued-codes ledger (``ledger``), the dates a page or poster shows
(``dates``), ``qrdir check`` (``check``: validation, ledger and dating together) and the
starter ``qrdir init`` writes (``starter``).

It does not render, write output or know about caching: ``check`` is handed its parse cache by
:mod:`qrdir.build.incremental`. A new registry field is one entry in ``schema`` plus its
reading in ``validate`` and its slot in ``model``.
"""
