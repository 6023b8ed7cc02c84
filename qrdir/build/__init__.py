"""From a checked registry to a published output folder, for one ward or a whole province.

Owns one ward's build (``ward``: stage, then commit), a province (``province``, with its own
pages in ``province_pages``), the incremental build (``incremental``: every cache scope and
key, and the cached rendering of each part), the change report (``changes``), the outline a
province keeps of each ward (``outline``), atomic publishing (``publish``: the only module
that touches the real output folder), file writing (``files``) and the build's environment
(``environment``: ``SOURCE_DATE_EPOCH``).

It reads registries only through :mod:`qrdir.registry`, and renders only through
:mod:`qrdir.web` and :mod:`qrdir.posters`; deploying a built folder is :mod:`qrdir.deploy`'s.
"""
