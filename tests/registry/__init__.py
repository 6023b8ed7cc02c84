"""Tests of qrdir.registry: reading, validation, the model, phones, the ledger and dates."""
