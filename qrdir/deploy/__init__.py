"""Putting a built output folder where residents reach it (publish.md).

Today it owns the deploy target forms that ``directory.deploy`` may name (``targets``: parsed
and checked, so ``qrdir check`` reports a bad target). ``qrdir deploy`` itself is a later
issue: each target kind (rsync/SSH, a static host, …) will be one module here behind one small
interface (a target's ``publish(output_folder)``), chosen by a table in ``targets``. It never
builds: it takes a folder :mod:`qrdir.build` has published.
"""
