"""Text normalisation shared by ids, search and rendering: NFC and the mark-free fold."""

from __future__ import annotations

import unicodedata

# đ/Đ are letters of their own, not d plus a mark, so NFD does not strip them.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """Text in Unicode NFC, as every output requires (output.md: build guarantees)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, marks removed, spaces collapsed: "Long Thành Bắc" → "long thanh bac"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
