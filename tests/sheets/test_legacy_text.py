"""TCVN3 and VNI text → Unicode: the tables, the detection, and what detection must never touch."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrdir.sheets.legacy_text import (
    TCVN3,
    TCVN3_TABLE,
    VNI,
    VNI_TABLE,
    decode_tcvn3,
    decode_vni,
    is_vietnamese_syllable,
    repair,
)

# Every Vietnamese vowel with no tone and the five tones (huyền, hỏi, ngã, sắc, nặng), and đ.
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
LOWER_LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
ALL_LETTERS = LOWER_LETTERS + [letter.upper() for letter in LOWER_LETTERS]

# Known legacy text, typed from the published tables (TCVN 5712:1993 VN3; VNI for Windows), as a
# spreadsheet shows it when read as Windows text.
TCVN3_KNOWN = {
    "Ph\u00adêng Long Thµnh B¾c": "Phường Long Thành Bắc",
    "Tr¹m Y tÕ": "Trạm Y tế",
    "NguyÔn ThÞ H\u00adêng": "Nguyễn Thị Hường",
    "Chñ tÞch UBND ph\u00adêng": "Chủ tịch UBND phường",
    "Sè 1 ®\u00adêng Ph¹m Hïng": "Số 1 đường Phạm Hùng",
    "B¶o Th¾ng": "Bảo Thắng",
    "M\u00adêng Kh\u00ad¬ng": "Mường Khương",
    "§¶ng uû ph\u00adêng": "Đảng uỷ phường",
    "C«ng an ph\u00adêng": "Công an phường",
    "Ban chØ huy qu©n sù": "Ban chỉ huy quân sự",
    "Nhµ v¨n ho¸ khu phè": "Nhà văn hoá khu phố",
    "B\u00adu ®iÖn v¨n ho¸ x·": "Bưu điện văn hoá xã",
    "TrÇn ThÞ BÝch Ngäc": "Trần Thị Bích Ngọc",
    "Tæ d©n phè sè 5": "Tổ dân phố số 5",
}
VNI_KNOWN = {
    "Phöôøng Long Thaønh Baéc": "Phường Long Thành Bắc",
    "Traïm Y teá": "Trạm Y tế",
    "Nguyeãn Thò Höôøng": "Nguyễn Thị Hường",
    "Khu phoá Long Trung": "Khu phố Long Trung",
    "Chuû tòch UBND phöôøng": "Chủ tịch UBND phường",
    "Coâng an phöôøng": "Công an phường",
    "Ñaûng uyû phöôøng": "Đảng uỷ phường",
    "Uûy ban nhaân daân": "Ủy ban nhân dân",
    "Tröôøng Tieåu hoïc Long Thaønh Baéc": "Trường Tiểu học Long Thành Bắc",
    "TRAÏM Y TEÁ PHÖÔØNG": "TRẠM Y TẾ PHƯỜNG",
    "Buøi Thò Thu Haø": "Bùi Thị Thu Hà",
}
# The VNI table as published: each vowel, then with sắc, huyền, hỏi, ngã, nặng.
VNI_PUBLISHED = {
    "a aù aø aû aõ aï": "a á à ả ã ạ",
    "aâ aá aà aå aã aä": "â ấ ầ ẩ ẫ ậ",
    "aê aé aè aú aü aë": "ă ắ ằ ẳ ẵ ặ",
    "e eù eø eû eõ eï": "e é è ẻ ẽ ẹ",
    "eâ eá eà eå eã eä": "ê ế ề ể ễ ệ",
    "i í ì æ ó ò": "i í ì ỉ ĩ ị",
    "o où oø oû oõ oï": "o ó ò ỏ õ ọ",
    "oâ oá oà oå oã oä": "ô ố ồ ổ ỗ ộ",
    "ô ôù ôø ôû ôõ ôï": "ơ ớ ờ ở ỡ ợ",
    "u uù uø uû uõ uï": "u ú ù ủ ũ ụ",
    "ö öù öø öû öõ öï": "ư ứ ừ ử ữ ự",
    "y yù yø yû yõ î": "y ý ỳ ỷ ỹ ỵ",
    "ñ": "đ",
}


def _iconv_tcvn(data: bytes) -> str | None:
    """glibc's own TCVN 5712 decoder, an implementation independent of ours (None if absent)."""
    if shutil.which("iconv") is None:
        return None
    done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data,
                          capture_output=True, check=False)
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def test_every_tcvn3_byte_decodes_as_glibc_iconv_decodes_it():
    if _iconv_tcvn(b"a") is None:
        pytest.skip("iconv without TCVN5712-1")
    codes = sorted(TCVN3_TABLE)
    ours = "".join(TCVN3_TABLE[ch] for ch in codes)
    theirs = _iconv_tcvn(bytes(ord(ch) for ch in codes))
    assert unicodedata.normalize("NFC", theirs) == ours


def test_tcvn3_table_covers_every_letter_vn3_encodes():
    # VN3 has every lower-case letter and the seven untoned capitals Ă Â Ê Ô Ơ Ư Đ.
    expected = set(LOWER_LETTERS) - set("aeiouy") | set("ĂÂÊÔƠƯĐ")
    assert set(TCVN3_TABLE.values()) == expected


@pytest.mark.parametrize(("legacy", "unicode"), VNI_PUBLISHED.items())
def test_vni_decodes_the_published_table_in_both_cases(legacy, unicode):
    assert decode_vni(legacy) == unicode
    assert decode_vni(legacy.upper()) == unicode.upper()


def test_vni_table_covers_every_letter():
    assert set(VNI_TABLE.values()) >= set(ALL_LETTERS) - set("aeiouyAEIOUY")


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_KNOWN.items())
def test_tcvn3_text_is_detected_and_converted(legacy, unicode):
    fixed = repair(legacy)
    assert (fixed.text, fixed.encoding) == (unicode, TCVN3)
    assert unicodedata.is_normalized("NFC", fixed.text)


@pytest.mark.parametrize(("legacy", "unicode"), VNI_KNOWN.items())
def test_vni_text_is_detected_and_converted(legacy, unicode):
    fixed = repair(legacy, "VNI-Times")
    assert (fixed.text, fixed.encoding) == (unicode, VNI)


def test_ambiguous_text_follows_the_font_and_is_otherwise_only_flagged():
    # "Khu phè" is a Vietnamese spelling too; only the cell's .VnTime font says it is TCVN3.
    assert repair("Khu phè Long Trung", ".VnTime").text == "Khu phố Long Trung"
    plain = repair("Khu phè Long Trung")
    assert (plain.text, plain.encoding) == ("Khu phè Long Trung", None)
    assert (plain.possible, plain.possible_text) == (TCVN3, "Khu phố Long Trung")
    assert repair("Khu phoá Long Trung").possible == VNI


def test_tcvn3_capitals_are_restored():
    # VN3 has no upper-case toned letters: headings used a capitals font (.VnTimeH) ...
    assert repair("DANH B¹ §IÖN THO¹I").text == "DANH BẠ ĐIỆN THOẠI"
    assert repair("danh b¹ ®iÖn tho¹i", ".VnTimeH").text == "DANH BẠ ĐIỆN THOẠI"
    # ... and a capital toned initial in a name was typed lower-case.
    assert repair("NguyÔn ThÞ ¸nh").text == "Nguyễn Thị Ánh"
    assert repair("Phã Chñ tÞch").text == "Phó Chủ tịch"


def _sentences() -> list[str]:
    letters = " ".join(ALL_LETTERS)
    return [
        letters,
        "".join(ALL_LETTERS),
        "Tiếng Việt có dấu: Phường Long Hoa, Trạm Y tế; Đảng uỷ (khu phố Long Trung)!",
        "TRƯỜNG TIỂU HỌC LONG THÀNH BẮC — ĐIỆN THOẠI: 0276 3841 234",
        "Lê Thị Bé, Tô Văn Bá, Hà Tân Châu, Cà Mau, Hoàng Bình, có, không",
        "Café Hòa Bình – open 7:00–17:00 • Mon–Fri © 2026 «Long Hải» ½ km, ¿qué? Müller",
        "Ngõ 5/12 đường 30/4, P.Long Hoa, TX.Hoà Thành; email: ubnd@example.vn",
        "The People's Committee office is closed on Sundays & public holidays.",
    ]


@pytest.mark.parametrize("text", _sentences() + ALL_LETTERS)
def test_unicode_vietnamese_and_english_are_never_converted(text):
    for font in (None, "Times New Roman", "Calibri"):
        fixed = repair(text, font)
        assert (fixed.text, fixed.encoding) == (text, None)


def test_every_letter_with_every_tone_in_words_is_never_converted():
    for letter in LOWER_LETTERS:
        for word in (letter, "b" + letter, "th" + letter + "n", letter + "ng", "ng" + letter + "c"):
            # Capital letters appear in capitalised or all-capital words.
            for written in (word, word.capitalize(), word.upper()):
                assert repair(written).encoding is None, written


def test_mixed_unicode_and_legacy_cell_is_left_alone():
    # A cell with real Unicode letters cannot be legacy bytes, whatever else it holds.
    assert repair("Phường Long Thµnh").encoding is None


REAL_WORDS = [
    "Phường", "Long", "Thành", "Bắc", "Trạm", "Y", "tế", "Nguyễn", "Thị", "Hường", "Khu", "phố",
    "Trung", "Lê", "Tô", "Bá", "Hà", "có", "không", "Ủy", "ban", "nhân", "dân", "Công", "an",
    "Quân", "sự", "Đảng", "uỷ", "Mặt", "trận", "Tổ", "quốc", "Văn", "hoá", "Bưu", "điện", "Hoà",
    "Chủ", "tịch", "Phó", "UBND", "số", "đường", "Phạm", "Hùng", "Ánh", "Quỳnh", "Huỳnh", "Tuấn",
    "Office", "Police", "Café", "José", "Zürich", "naïve",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(REAL_WORDS), min_size=1, max_size=8),
       st.sampled_from([" ", ", ", " - ", "; ", "\n"]))
def test_any_unicode_text_of_real_words_is_never_converted(words, separator):
    text = separator.join(words)
    assert repair(text).encoding is None


def _to_tcvn3(text: str) -> str:
    inverse = {letter: code for code, letter in TCVN3_TABLE.items()}
    return "".join(inverse.get(ch, ch) for ch in text)


def _to_vni(text: str) -> str:
    inverse: dict[str, str] = {}
    for code, letter in sorted(VNI_TABLE.items()):
        if code.lower() == code or code.upper() == code:  # a pair typed in one case
            inverse.setdefault(letter, code)
    return "".join(inverse.get(ch, ch) for ch in text)


# Words the legacy encodings can hold: ASCII and Vietnamese letters only ("Zürich" cannot be).
ENCODABLE_WORDS = [w for w in REAL_WORDS if all(ch.isascii() or ch in ALL_LETTERS for ch in w)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ENCODABLE_WORDS), min_size=2, max_size=8))
def test_legacy_text_of_real_words_comes_back_exactly(words):
    text = " ".join(words)
    vni = _to_vni(text)
    if vni != text:
        assert repair(vni, "VNI-Times").text == text
    # VN3 cannot encode capital toned letters; the property holds for text it can encode,
    # written in small letters (a cell without any is taken as a heading in capitals).
    if all(ch.islower() or ch.isascii() or ch in "ĂÂÊÔƠƯĐ" for ch in text) and any(
            ch.isascii() and ch.islower() for ch in text):
        tcvn3 = _to_tcvn3(text)
        if tcvn3 != text:
            assert repair(tcvn3, ".VnTime").text == text


@pytest.mark.parametrize("word", ["phường", "nghiêng", "khuya", "quốc", "gìn", "giữa", "thuở",
                                  "ngoằn", "xoong", "Quỳnh", "HUỲNH", "oanh", "yến", "ạ"])
def test_real_syllables_are_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["tèt", "Thµnh", "phoá́", "Café", "xyz", "bàá", "ơnh", "Bỡnh"])
def test_impossible_syllables_are_not(word):
    assert not is_vietnamese_syllable(word)


def test_plain_decoders_convert_without_detection():
    assert decode_tcvn3("Ph\u00adêng") == "Phường"
    assert decode_vni("Phöôøng") == "Phường"
