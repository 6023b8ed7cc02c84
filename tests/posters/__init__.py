"""Tests of qrdir.posters: QR images, posters read back as a print shop reads them."""
