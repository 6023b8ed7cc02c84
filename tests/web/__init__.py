"""Tests of qrdir.web: pages, vCards, JSON-LD, open data, host files, real browsers and servers."""
