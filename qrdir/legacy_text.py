"""Vietnamese typed in the pre-Unicode TCVN3 (ABC) and VNI encodings → Unicode NFC (import.md).

Old ward spreadsheets hold text typed with the ``.VnTime`` (TCVN3) or ``VNI-Times`` (VNI) fonts:
the file stores the legacy bytes and the font draws them as Vietnamese letters. Read as Windows
text they come out as the Latin-1/cp1252 characters of those bytes: TCVN3 "Ph­êng" and VNI
"Phöôøng" are both "Phường". This module recognises such text cell by cell and converts it.

Detection must never touch text that is already Unicode Vietnamese, so it is not triggered by
one character but scored word by word: a cell is converted only when, read as typed, some of its
words are not Vietnamese syllables, and read through an encoding's table they all (or nearly all)
become Vietnamese syllables, none of the words that were already valid is broken, and the repair
is more than one stray letter (or the cell's font names the encoding).

Tables: TCVN 5712:1993 VN3 (the "ABC" byte table of the ``.Vn`` fonts, one byte per letter;
upper-case toned letters do not exist in VN3, the ``…H`` fonts draw the lower-case codes as
capitals) and VNI for Windows (a base letter followed by one mark character, or one letter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qrdir.text import nfc

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (TCVN3, VNI)

# Combining tone marks, in the order the tables below list them.
GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)


def _toned(letter: str, tone: str) -> str:
    return unicodedata.normalize("NFC", letter + tone)


# --- TCVN3 (TCVN 5712:1993 VN3) ----------------------------------------------------------------

# Letters without a tone: upper case at 0xA1–0xA7, lower case at 0xA8–0xAE.
_TCVN3_PLAIN = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True))
# Lower-case toned letters: for each vowel, the bytes of grave, hook, tilde, acute, dot below.
_TCVN3_TONED_BYTES = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# VN3 bytes are all in 0xA1–0xFE, where cp1252 and Latin-1 agree: the character is chr(byte).
TCVN3_TABLE: dict[str, str] = {chr(b): letter for b, letter in _TCVN3_PLAIN.items()} | {
    chr(b): _toned(vowel, tone)
    for vowel, codes in _TCVN3_TONED_BYTES.items()
    for b, tone in zip(codes, _TONES, strict=True)
}
# Toned letters have no upper-case code in VN3: a capital "Ánh" was typed as "¸nh".
_TCVN3_LOWER_ONLY = frozenset(
    chr(b) for codes in _TCVN3_TONED_BYTES.values() for b in codes
)

# --- VNI for Windows ---------------------------------------------------------------------------

# Lower-case mark characters (the upper-case ones are their capitals, 0x20 lower).
_VNI_TONE = dict(zip("øûõùï", _TONES, strict=True))  # after a e o u y ơ ư
_VNI_CIRCUMFLEX = {"â": ""} | dict(zip("àåãáä", _TONES, strict=True))  # â ê ô and their tones
_VNI_BREVE = {"ê": ""} | dict(zip("èúüéë", _TONES, strict=True))  # ă and its tones
_VNI_I = dict(zip("ìæóíò", _TONES, strict=True))  # i with a tone is one character
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ"} | {
    mark: _toned("i", tone) for mark, tone in _VNI_I.items()
}


def _vni_table() -> dict[str, str]:
    """Every VNI sequence (one or two characters) → its Unicode letter, both cases."""
    lower: dict[str, str] = dict(_VNI_SINGLE)
    for base in ("a", "e", "o", "u", "y", "ô", "ö"):
        letter = _VNI_SINGLE.get(base, base)
        for mark, tone in _VNI_TONE.items():
            lower[base + mark] = _toned(letter, tone)
    for base, with_circumflex in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for mark, tone in _VNI_CIRCUMFLEX.items():
            lower[base + mark] = _toned(with_circumflex, tone)
    for mark, tone in _VNI_BREVE.items():
        lower["a" + mark] = _toned("ă", tone)
    table: dict[str, str] = {}
    for sequence, letter in lower.items():
        # Upper-case marks belong with upper-case letters, but a mixed pair still means the
        # letter of its base (Unikey and old fonts were not consistent about it).
        variants = {sequence, sequence.upper(), sequence[0].upper() + sequence[1:],
                    sequence[0] + sequence[1:].upper()}
        for variant in variants:
            table[variant] = letter.upper() if variant[0].isupper() else letter
    return table


VNI_TABLE = _vni_table()


# --- decoding ----------------------------------------------------------------------------------


def decode_tcvn3(text: str) -> str:
    """TCVN3 text (as its cp1252 characters) → Unicode NFC, letter by letter, no detection."""
    return nfc("".join(TCVN3_TABLE.get(ch, ch) for ch in text))


def decode_vni(text: str) -> str:
    """VNI text (as its cp1252 characters) → Unicode NFC, longest sequence first, no detection."""
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI_TABLE:
            out.append(VNI_TABLE[pair])
            i += 2
        else:
            out.append(VNI_TABLE.get(text[i], text[i]))
            i += 1
    return nfc("".join(out))


_DECODERS = {TCVN3: decode_tcvn3, VNI: decode_vni}


# --- Vietnamese syllables ----------------------------------------------------------------------

_INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "",
)
# Rhymes without a final consonant.
_OPEN_RHYMES = frozenset(
    "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uy oa oe uê uơ "
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu".split()
)
# Vowel nuclei and the final consonants each one takes.
_NUCLEUS_FINALS = {
    "a": "c ch m n ng nh p t", "ă": "c m n ng p t", "â": "c m n ng p t",
    "e": "c m n ng p t", "ê": "ch m n nh p t", "i": "ch m n nh p t",
    "o": "c m n ng p t", "ô": "c m n ng p t", "ơ": "m n p t",
    "u": "c m n ng p t", "ư": "c m n ng t",
    "iê": "c m n ng p t", "yê": "m n ng t", "uô": "c m n ng t", "ươ": "c m n ng p t",
    "oa": "c ch m n ng nh p t", "oă": "c m n ng t", "oe": "n t", "oo": "c ng",
    "uâ": "n ng t", "uê": "ch n nh", "uy": "ch n nh p t", "uyê": "n t",
}
_CLOSED_RHYMES = frozenset(
    nucleus + final for nucleus, finals in _NUCLEUS_FINALS.items() for final in finals.split()
)
# A syllable ending in a stop (c, ch, p, t) carries only the acute or the dot-below tone.
_STOP_FINAL = re.compile(r"(c|ch|p|t)$")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` spells one Vietnamese syllable (any case, at most one tone, valid rhyme)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [(i, ch) for i, ch in enumerate(decomposed) if ch in _TONES]
    if len(tones) > 1:
        return False
    tone = tones[0][1] if tones else None
    if tones:
        bases = [ch for ch in decomposed[: tones[0][0]] if not unicodedata.combining(ch)]
        if not bases or bases[-1] not in "aeiouy":
            return False  # a tone sits on a vowel
    letters = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    for initial in _INITIALS:
        if not letters.startswith(initial):
            continue
        rhyme = letters[len(initial) :]
        if rhyme in _OPEN_RHYMES:
            return True
        if rhyme in _CLOSED_RHYMES:
            return not (_STOP_FINAL.search(rhyme) and tone not in (None, ACUTE, DOT))
    return False


# --- detection ---------------------------------------------------------------------------------

# Characters a cp1252 reading of legacy bytes can produce: Latin-1 plus cp1252's 0x80–0x9F.
_CP1252_EXTRAS = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
# A word: ASCII letters and the characters of bytes 0xA1–0xFF, where both tables put letters.
_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]+")


@dataclass(frozen=True)
class Repair:
    """The result of :func:`repair`: the text to use and the encoding it was converted from.

    ``possible`` names an encoding under which the text would read as Vietnamese just as well
    as it does now ("Khu phè" is Unicode, "Khu phố" its TCVN3 reading): such text is not
    converted without the font's word, but a caller that has seen the same encoding elsewhere
    in the sheet can ask a person to check it (``possible_text`` is the other reading).
    """

    text: str
    encoding: str | None = None  # TCVN3, VNI, or None when the text was left as it was
    possible: str | None = None
    possible_text: str | None = None


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: ``.VnTime`` → TCVN3, ``VNI-Times`` → VNI."""
    name = (font or "").strip().lower()
    if name.startswith(".vn"):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    return None


def repair(text: str, font: str | None = None) -> Repair:
    """Convert ``text`` from TCVN3 or VNI when it plainly is such text; otherwise leave it be.

    ``font`` is the cell's font name when known. A ``.Vn…`` or ``VNI-…`` font decides between
    two readings that are both Vietnamese (the font draws the legacy letters, so that is what
    the clerk saw) and a ``.Vn…H`` font means the text is all capitals.
    """
    if not _could_be_legacy(text):
        return Repair(text)
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return Repair(text)
    hinted = font_encoding(font)
    invalid_as_typed = sum(not is_vietnamese_syllable(w) for w in words)
    scored = []
    for encoding in ENCODINGS:
        invalid = _invalid_after(words, _DECODERS[encoding], invalid_as_typed, hinted == encoding)
        if invalid is not None:
            scored.append((invalid, hinted != encoding, encoding))
    if not scored:
        return Repair(text)
    encoding = min(scored)[2]
    converted = _convert(text, encoding, upper=encoding == TCVN3 and _is_capitals_font(font))
    if invalid_as_typed == 0 and hinted != encoding:
        return Repair(text, possible=encoding, possible_text=converted)
    return Repair(converted, encoding)


def _could_be_legacy(text: str) -> bool:
    """Only cp1252-readable text with some non-ASCII character can hide legacy bytes."""
    return not text.isascii() and all(
        ord(ch) < 0x100 or ch in _CP1252_EXTRAS for ch in text
    )


def _invalid_after(words: list[str], decode, invalid_as_typed: int, hinted: bool) -> int | None:
    """How many words stay invalid after decoding, or None when the decoding is not plausible.

    Text that is already Vietnamese as typed yields a count only when the decoding changes some
    word and keeps every word Vietnamese (the caller then decides by the font).
    """
    invalid = repaired_letters = 0
    changed = False
    for word in words:
        decoded = decode(word)
        changed = changed or decoded != word
        valid_before, valid_after = is_vietnamese_syllable(word), is_vietnamese_syllable(decoded)
        if decoded != word and valid_before and not valid_after:
            return None  # it would break a word that was fine
        invalid += not valid_after
        if valid_after and not valid_before:
            repaired_letters = max(repaired_letters, len(decoded))
    if invalid_as_typed == 0:
        return 0 if changed and invalid == 0 else None
    # Nearly every word must become Vietnamese (one in five may be a name or a loanword), and
    # a single repaired letter ("â" → "õ") is not evidence enough without the font's word.
    if invalid >= invalid_as_typed or invalid > len(words) // 5:
        return None
    if repaired_letters < 2 and not hinted:
        return None
    return invalid


def _is_capitals_font(font: str | None) -> bool:
    """``.VnTimeH``, ``.VnArialH``…: TCVN3 capitals fonts draw lower-case codes as capitals."""
    name = (font or "").strip()
    return font_encoding(name) == TCVN3 and name.endswith("H")


def _convert(text: str, encoding: str, *, upper: bool) -> str:
    decode = _DECODERS[encoding]
    if encoding == VNI:
        return decode(text)
    if upper:
        return decode(text).upper()
    return _recase_tcvn3(text)


def _recase_tcvn3(text: str) -> str:
    """TCVN3 with the capitals VN3 could not encode restored from the surrounding words.

    VN3 has no upper-case toned letters, so typists wrote a capital "Ấp" as "Êp" (drawn "ấp") and
    whole headings in a capitals font. A word is upper-cased when the cell's (or the word's own)
    ASCII letters are all capitals; a word starting with a toned letter is capitalised when every
    other word of the cell is, as in names ("NguyÔn ThÞ ¸nh" → "Nguyễn Thị Ánh").
    """
    cased = [ch for ch in text if ch.isascii() and ch.isalpha()]
    all_capitals = len(cased) >= 2 and all(ch.isupper() for ch in cased)
    words = _WORD.findall(text)
    title_case = len(words) >= 2

    def convert(match: re.Match) -> str:
        word = match.group()
        decoded = decode_tcvn3(word)
        ascii_letters = [ch for ch in word if ch.isascii()]
        if all_capitals or (len(ascii_letters) >= 2 and all(ch.isupper() for ch in ascii_letters)):
            return decoded.upper()
        others = [w for w in words if w != word]
        if (title_case and word[0] in _TCVN3_LOWER_ONLY and others
                and all(decode_tcvn3(w)[0].isupper() for w in others)):
            return decoded[0].upper() + decoded[1:]
        return decoded

    return nfc(_WORD.sub(convert, text))
