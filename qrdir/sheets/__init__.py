"""Registries as spreadsheets: ``qrdir import`` and ``qrdir export`` (import.md).

Owns reading .xlsx/.csv files as a clerk keeps them (``spreadsheet``), recognising columns
(``import_columns``) and cell values (``cell_values``), repairing TCVN3 and VNI text
(``legacy_text``), writing the registry YAML (``yaml_writer``), the importer (``importer``), the
exporter (``exporter``) and the mark that tells an exported workbook edited or not
(``export_mark``). The registry it writes is validated by :mod:`qrdir.registry`, like any other.
"""
