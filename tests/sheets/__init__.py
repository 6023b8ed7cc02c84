"""Tests of qrdir.sheets: import and export of spreadsheets, and legacy TCVN3/VNI text."""
