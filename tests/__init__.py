"""qrdir test suite."""
