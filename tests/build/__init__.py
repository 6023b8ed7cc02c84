"""Tests of qrdir.build: the incremental cache, atomic publishing, provinces, pinned bytes."""
