"""Vietnamese typed in the pre-Unicode TCVN3 (ABC) and VNI encodings → Unicode NFC (import.md).

Old ward spreadsheets hold text typed with the ``.VnTime`` (TCVN3) or ``VNI-Times`` (VNI) fonts:
the file stores the legacy bytes and the font draws them as Vietnamese letters. Read as Windows
text they come out as the Latin-1/cp1252 characters of those bytes: TCVN3 "Ph­êng" and VNI
"Phöôøng" are both "Phường". This module recognises such text cell by cell and converts it.

Detection must never touch text that is already Unicode Vietnamese, so no single character
triggers it; the words are scored. A cell is converted when, read through an encoding's table,
its words become Vietnamese syllables (initial, rhyme, one tone, on the vowel spelling puts it
on), no word that was Vietnamese as typed is broken, and there is real evidence: a character
Vietnamese never uses ("Thµnh"), a capital inside a word ("NguyÔn"), a VNI letter-and-mark pair
("Coâng"), or the cell's font (``.VnTime``, ``VNI-Times``). Text that reads as Vietnamese both
ways ("Khu phè" / "Khu phố") is left as typed unless the font decides, and is returned as a
possibility for the caller to report; :mod:`qrdir.sheets.spreadsheet` adds the column's and sheet's
evidence.

Tables: TCVN 5712:1993 VN3 (the "ABC" byte table of the ``.Vn`` fonts, one byte per letter;
upper-case toned letters do not exist in VN3, the ``…H`` fonts draw the lower-case codes as
capitals) and VNI for Windows (a base letter followed by one mark character, or one letter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qrdir.registry.text import nfc

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
# Small ă â ê ô ơ ư đ, whose capitals VN3 has: a word using them is not written in capitals.
_TCVN3_SMALL_WITH_CAPITAL = frozenset(chr(b) for b in range(0xA8, 0xAF))
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
_FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")  # two-letter finals first
_STOPS = frozenset({"c", "ch", "p", "t"})
_MARKED = "ăâêôơư"


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` spells one Vietnamese syllable: an initial, a rhyme, at most one tone,
    on the vowel Vietnamese spelling puts it on (any case; old and new styles both accepted).
    """
    letters: list[str] = []
    tone = toned_at = None
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            if tone is not None or not letters:
                return False
            tone, toned_at = ch, len(letters) - 1
        elif unicodedata.combining(ch):
            if not letters:
                return False
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)  # â ă ê ô ơ ư
        else:
            letters.append(ch)
    text = "".join(letters)
    for initial in _INITIALS:
        rhyme = text[len(initial):] if text.startswith(initial) else None
        if rhyme in _OPEN_RHYMES or rhyme in _CLOSED_RHYMES:
            final = next((f for f in _FINALS if rhyme in _CLOSED_RHYMES and rhyme.endswith(f)), "")
            nucleus = rhyme[: len(rhyme) - len(final)]
            if tone is None:
                return True
            if final in _STOPS and tone not in (ACUTE, DOT):
                continue  # a syllable ending in c, ch, p, t takes only the acute or the dot
            if toned_at - len(initial) in _tone_places(nucleus, closed=bool(final)):
                return True
    return False


_ACRONYM = re.compile(r"[A-Z]*Đ[A-ZĐ]*")


def _is_word(word: str) -> bool:
    """A Vietnamese syllable, or an abbreviation with Đ in capitals ("SĐT", "ĐTDĐ")."""
    return is_vietnamese_syllable(word) or (2 <= len(word) <= 8 and bool(_ACRONYM.fullmatch(word)))


def _tone_places(nucleus: str, *, closed: bool) -> set[int]:
    """Where a tone may sit in a vowel nucleus: on its last ă â ê ô ơ ư if it has one; in
    oa, oe, uy without a final on either vowel (hoà and hòa are both in use); else on the last
    vowel before a final, the middle of three, or the first of two ("của", "máy", "ngoài").
    """
    marked = [i for i, ch in enumerate(nucleus) if ch in _MARKED]
    if marked:
        return {marked[-1]}
    if len(nucleus) == 1:
        return {0}
    if closed:
        return {len(nucleus) - 1}
    if nucleus in ("oa", "oe", "uy"):
        return {0, 1}
    return {1} if len(nucleus) == 3 else {0}


# --- detection ---------------------------------------------------------------------------------

# Characters a cp1252 reading of legacy bytes can produce: Latin-1 plus cp1252's 0x80–0x9F.
_CP1252_EXTRAS = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
# A word: ASCII letters and the characters of bytes 0xA1–0xFF, where both tables put letters.
_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]+")
# A word of any text, Unicode or legacy: letters and those characters.
_ANY_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00ff])+")


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
    tie: str | None = None  # another encoding reads the text exactly as well ("thuû")


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: ``.VnTime`` → TCVN3, ``VNI-Times`` → VNI."""
    name = (font or "").strip().lower()
    if name.startswith(".vn"):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    return None


def repair(text: str, font: str | None = None, prefer: str | None = None) -> Repair:
    """Convert ``text`` from TCVN3 or VNI when it plainly is such text; otherwise leave it be.

    ``font`` is the cell's font name when known. A ``.Vn…`` or ``VNI-…`` font decides what the
    words alone cannot (the font draws the legacy letters, so that is what the clerk saw), and a
    ``.Vn…H`` font means the text is all capitals. ``prefer`` is the encoding the rest of the
    column or sheet certainly uses: it settles a tie between the two encodings (VNI "thuû" is
    "thủ", TCVN3 "thuỷ") and converts text that is not Vietnamese as typed but is once decoded
    ("quèc" → "quốc"); text already Vietnamese as typed still needs the font's word.
    """
    if not _could_be_legacy(text):
        return Repair(text)
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return Repair(text)
    hinted = font_encoding(font)
    invalid_as_typed = sum(not _is_word(w) for w in words)
    certain, possible = [], []
    for encoding in ENCODINGS:
        reading = _reading(words, _DECODERS[encoding])
        if reading is None:
            continue
        # With the font's word, no worse is enough ("Cafeù" is "Café" in VNI); without it, the
        # reading must be better (or as good with a capital inside a word, "cÊp"), nearly all
        # Vietnamese (one word in five may be a name or a loanword), and show a legacy sign.
        by_font = hinted == encoding and invalid_as_typed and (
            reading.invalid <= invalid_as_typed)
        by_words = reading.strong and reading.invalid <= len(words) // 5 and (
            reading.invalid < invalid_as_typed or reading.invalid == 0)
        by_sheet = prefer == encoding and reading.invalid < invalid_as_typed and (
            reading.invalid <= len(words) // 5)
        if by_font or by_words or by_sheet:
            certain.append((hinted != encoding, reading.invalid, prefer != encoding, encoding))
        elif reading.invalid == 0:
            possible.append((hinted != encoding, encoding))
    if not certain and possible and min(possible)[1] == hinted:
        certain.append((False, 0, False, hinted))  # both readings are Vietnamese: the font decides
    if certain:
        certain.sort()
        encoding = certain[0][-1]
        tied = [c[-1] for c in certain[1:] if c[:2] == certain[0][:2]]
        return Repair(_convert(text, encoding, font), encoding, tie=tied[0] if tied else None)
    if possible:
        encoding = min(possible)[1]
        return Repair(text, possible=encoding, possible_text=_convert(text, encoding, font))
    return Repair(text)


def _could_be_legacy(text: str) -> bool:
    """Only cp1252-readable text with some non-ASCII character can hide legacy bytes."""
    return not text.isascii() and all(
        ord(ch) < 0x100 or ch in _CP1252_EXTRAS for ch in text
    )


def vietnamese_score(text: str) -> int:
    """Words of ``text`` that are Vietnamese (as typed or read through either legacy table)
    minus words that are not.

    Tells apart two ways of reading the same bytes, e.g. a CSV file saved as cp1258 by a
    Vietnamese Windows or as cp1252 (holding TCVN3 bytes) by a Western one.
    """
    words = [w for w in _ANY_WORD.findall(unicodedata.normalize("NFC", text)) if not w.isascii()]
    valid = sum(any(_is_word(read(w)) for read in (str, decode_tcvn3, decode_vni)) for w in words)
    return 2 * valid - len(words)


def is_certainly_unicode(text: str) -> bool:
    """Text holding a letter no cp1252 reading of legacy bytes gives ("ư", "ạ"): Unicode."""
    return any(ord(ch) >= 0x100 and ch not in _CP1252_EXTRAS and ch.isalpha() for ch in text)


@dataclass(frozen=True)
class _Reading:
    """The words of a cell read through one encoding's table."""

    invalid: int  # words that are still not Vietnamese syllables
    strong: bool  # a repaired word shows what Unicode Vietnamese never has


def _reading(words: list[str], decode) -> _Reading | None:
    """How the words read once decoded; None if that changes nothing or breaks a valid word."""
    invalid, strong, changed = 0, False, False
    for word in words:
        decoded = decode(word)
        if decoded == word:
            invalid += not _is_word(word)
            continue
        changed = True
        valid_before, valid_after = _is_word(word), _is_word(decoded)
        if valid_before and not valid_after:
            return None
        invalid += not valid_after
        if valid_after:
            strong = strong or _is_strong_evidence(word, decoded, valid_before)
    return _Reading(invalid, strong) if changed else None


# Latin-1 letters Unicode Vietnamese uses; every other character of 0xA1–0xFF is a legacy sign.
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")


def _is_strong_evidence(word: str, decoded: str, valid_before: bool) -> bool:
    """A repaired word proves legacy text when it held a capital after a small letter
    ("NguyÔn", "cÊp"), or, not being Vietnamese as typed, a character Vietnamese never uses
    ("Thµnh") or a VNI letter-and-mark pair ("Coâng"). Latin-1 Vietnamese letters alone prove
    nothing: "Ngãc" is a typo, not TCVN3 for "Ngóc"; "Hoàng" is Unicode, not VNI "Hồng".
    """
    if any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False)):
        return True
    if valid_before:
        return False
    if any("\u00a1" <= ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1 for ch in word):
        return True
    return len(decoded) < len(word)


def _is_capitals_font(font: str | None) -> bool:
    """``.VnTimeH``, ``.VnArialH``…: TCVN3 capitals fonts draw lower-case codes as capitals."""
    name = (font or "").strip()
    return font_encoding(name) == TCVN3 and name.endswith("H")


def _convert(text: str, encoding: str, font: str | None) -> str:
    if encoding == VNI:
        return decode_vni(text)
    if _is_capitals_font(font):
        return decode_tcvn3(text).upper()
    return _recase_tcvn3(text)


def _recase_tcvn3(text: str) -> str:
    """TCVN3 with the capitals VN3 could not encode restored from the surrounding words.

    VN3 has no upper-case toned letters, so typists wrote "PHƯỜNG" as "PH¦êNG" and a capital
    "Ánh" as "¸nh". A word is upper-cased when it is written in capitals (its ASCII letters, or
    those of the whole cell, are) and uses no small letter that VN3 could have written as a
    capital (ª for ê where £ is Ê); a word starting with a toned letter is capitalised when every
    other word of the cell is, as in names ("NguyÔn ThÞ ¸nh" → "Nguyễn Thị Ánh").
    """
    words = _WORD.findall(text)
    cased = [ch for ch in text if ch.isascii() and ch.isalpha()]
    cell_in_capitals = all(ch.isupper() for ch in cased) and any(
        sum(ch.isascii() and ch.isupper() for ch in word) >= 2 for word in words)

    def in_capitals(word: str) -> bool:
        if any(ch in _TCVN3_SMALL_WITH_CAPITAL or (ch.isascii() and ch.islower()) for ch in word):
            return False
        return cell_in_capitals or sum(ch.isascii() and ch.isupper() for ch in word) >= 2

    def convert(match: re.Match) -> str:
        word = match.group()
        decoded = decode_tcvn3(word)
        if in_capitals(word):
            return decoded.upper()
        others = [w for w in words if w != word]
        if (word[0] in _TCVN3_LOWER_ONLY and others
                and all(decode_tcvn3(w)[0].isupper() for w in others)):
            return decoded[0].upper() + decoded[1:]
        return decoded

    return nfc(_WORD.sub(convert, text))
