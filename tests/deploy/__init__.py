"""Tests of qrdir.deploy: the deploy target forms of publish.md."""
