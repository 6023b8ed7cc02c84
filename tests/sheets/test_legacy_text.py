"""TCVN3 and VNI text → Unicode: the tables, the detection, and what detection must never touch."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrdir.registry.text import nfc
from qrdir.sheets.legacy_text import (
    TCVN3,
    TCVN3_TABLE,
    VNI,
    VNI_TABLE,
    Repair,
    decode_tcvn3,
    decode_vni,
    is_certainly_unicode,
    is_vietnamese_syllable,
    repair,
    vietnamese_score,
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
    "Tæ tr\u00adëng": "Tổ trưởng",
    "¡n uèng": "Ăn uống",  # ¡ is VN3's Ă, a character Vietnamese never uses
    "UBND X· Long Hoa": "UBND Xã Long Hoa",  # beside an abbreviation, not in capitals
    "Lª - UBND": "Lê - UBND",  # ª is a small ê where VN3 has a capital: not in capitals
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
# VNI for Windows (the VNI-Times fonts' code page, as VNI Software's charts publish it), typed
# here from the published chart and not from qrdir: a vowel is its ASCII base letter followed by
# one mark byte (sắc F9, huyền F8, hỏi FB, ngã F5, nặng EF; â and its tones E2 E1 E0 E5 E3 E4;
# ă and its tones EA E9 E8 FA FC EB); ơ ư đ ỵ and the toned i are one byte each.
VNI_WINDOWS = {
    "á": "61 F9", "à": "61 F8", "ả": "61 FB", "ã": "61 F5", "ạ": "61 EF",
    "ă": "61 EA", "ắ": "61 E9", "ằ": "61 E8", "ẳ": "61 FA", "ẵ": "61 FC", "ặ": "61 EB",
    "â": "61 E2", "ấ": "61 E1", "ầ": "61 E0", "ẩ": "61 E5", "ẫ": "61 E3", "ậ": "61 E4",
    "é": "65 F9", "è": "65 F8", "ẻ": "65 FB", "ẽ": "65 F5", "ẹ": "65 EF",
    "ê": "65 E2", "ế": "65 E1", "ề": "65 E0", "ể": "65 E5", "ễ": "65 E3", "ệ": "65 E4",
    "í": "ED", "ì": "EC", "ỉ": "E6", "ĩ": "F3", "ị": "F2",
    "ó": "6F F9", "ò": "6F F8", "ỏ": "6F FB", "õ": "6F F5", "ọ": "6F EF",
    "ô": "6F E2", "ố": "6F E1", "ồ": "6F E0", "ổ": "6F E5", "ỗ": "6F E3", "ộ": "6F E4",
    "ơ": "F4", "ớ": "F4 F9", "ờ": "F4 F8", "ở": "F4 FB", "ỡ": "F4 F5", "ợ": "F4 EF",
    "ú": "75 F9", "ù": "75 F8", "ủ": "75 FB", "ũ": "75 F5", "ụ": "75 EF",
    "ư": "F6", "ứ": "F6 F9", "ừ": "F6 F8", "ử": "F6 FB", "ữ": "F6 F5", "ự": "F6 EF",
    "ý": "79 F9", "ỳ": "79 F8", "ỷ": "79 FB", "ỹ": "79 F5", "ỵ": "EE",
    "đ": "F1",
}


def _vni_chart() -> dict[str, str]:
    """The chart above in both cases, as a spreadsheet shows the bytes (cp1252): sequence →
    letter. A capital is written with the capital of each byte, 0x20 lower ("AÙ" for "Á")."""
    chart = {}
    for letter, codes in VNI_WINDOWS.items():
        small = bytes.fromhex(codes)
        chart[small.decode("cp1252")] = letter
        chart[bytes(b - 0x20 for b in small).decode("cp1252")] = letter.upper()
    return chart


def _glibc_tcvn5712() -> dict[int, str] | None:
    """Every byte as glibc's ``iconv`` decodes it from TCVN5712-1: an implementation written
    from the standard independently of ours (None when iconv or the charset is missing)."""
    if shutil.which("iconv") is None:
        return None
    codes = [b for b in range(0x100) if b != 0x0A]  # one byte a line: no mark joins a letter
    done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
                          input=b"\n".join(bytes([b]) for b in codes),
                          capture_output=True, check=False)
    if done.returncode != 0:
        return None
    lines = done.stdout.decode("utf-8").split("\n")
    assert len(lines) == len(codes)
    return {b: unicodedata.normalize("NFC", line) for b, line in zip(codes, lines, strict=True)}


# glibc's TCVN5712-1 is VN1, the standard's full table; the .Vn fonts' "ABC" table is VN3, its
# subset without toned capitals. So glibc also decodes bytes qrdir leaves alone: toned capitals
# at 0x01-0x17, 0x80-0x9F and between the small letters (0xAF "Ằ", 0xBA "Ẳ", 0xFF "Ố" …), and
# the combining marks at 0xB0-0xB4. In VN3 files those bytes are not letters (a capital "Ánh"
# was typed "¸nh"), and below 0xA1 they are cp1252 punctuation or control codes, so qrdir must
# not decode them. Where both decode a byte, they must agree; and every byte from 0xA1 on that
# glibc reads as a small letter or as one of VN3's capitals Ă Â Ê Ô Ơ Ư Đ must be in qrdir's.
VN3_CAPITALS = "ĂÂÊÔƠƯĐ"


def test_every_tcvn3_byte_decodes_as_glibc_iconv_decodes_it():
    glibc = _glibc_tcvn5712()
    if glibc is None:
        pytest.skip("iconv without TCVN5712-1")
    ours = {f"0x{ord(ch):02X}": letter for ch, letter in TCVN3_TABLE.items()}
    theirs = {f"0x{b:02X}": glibc[b] for b in range(0xA1, 0x100)
              if glibc[b].isalpha() and (glibc[b].islower() or glibc[b] in VN3_CAPITALS)}
    assert ours == theirs


def test_tcvn3_table_covers_every_letter_vn3_encodes():
    # VN3 has every lower-case letter and the seven untoned capitals Ă Â Ê Ô Ơ Ư Đ.
    expected = set(LOWER_LETTERS) - set("aeiouy") | set("ĂÂÊÔƠƯĐ")
    assert set(TCVN3_TABLE.values()) == expected


def test_vni_decodes_every_letter_as_the_published_chart_encodes_it():
    chart = _vni_chart()
    assert len(chart) == 2 * 67  # every Vietnamese letter that is not ASCII, in both cases
    assert {seq: decode_vni(seq) for seq in chart} == chart
    # … and inside a word, where a mark byte follows its base letter.
    assert {seq: decode_vni(f"Tr{seq}ng") for seq in chart} == {
        seq: nfc(f"Tr{letter}ng") for seq, letter in chart.items()}


def test_a_vni_pair_typed_in_mixed_case_reads_in_the_case_of_its_letter():
    # Caps Lock pressed between a letter and its mark: the mark's case does not change the
    # letter, the base's case gives its case.
    assert decode_vni("TraÏm") == "Trạm"
    assert decode_vni("TRAïM") == "TRẠM"


def test_vni_table_holds_only_what_the_published_chart_holds():
    # qrdir's table also reads a pair typed in mixed case by its base letter (old tools mixed
    # them) and "y" + the nặng mark as ỵ, which the chart writes as one byte (EE): both read
    # letters that nothing else could mean. Every sequence in one case is the chart's.
    one_case = {seq: letter for seq, letter in VNI_TABLE.items()
                if seq in (seq.lower(), seq.upper())}
    assert one_case == _vni_chart() | {"yï": "ỵ", "YÏ": "Ỵ"}


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
        # cp1252 punctuation and no letter beyond ASCII; foreign words in Latin-1 letters only.
        "07:00–11:30 • 13:30–17:00",
        "Café Müller – Zürich",
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
                                  "ngoằn", "xoong", "Quỳnh", "HUỲNH", "oanh", "yến", "ạ",
                                  # oa, oe, uy without a final: either vowel, old and new style
                                  "hòa", "hoà", "khỏe", "khoẻ", "thủy", "thuỷ", "xoóng"])
def test_real_syllables_are_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["tèt", "Thµnh", "phoá́", "Café", "xyz", "bàá", "ơnh", "Bỡnh",
                                  # before a final the tone goes on the last vowel
                                  "tóan", "hòang", "xóong",
                                  # a mark with no letter under it
                                  "\u0302an"])
def test_impossible_syllables_are_not(word):
    assert not is_vietnamese_syllable(word)


def test_plain_decoders_convert_without_detection():
    assert decode_tcvn3("Ph\u00adêng") == "Phường"
    assert decode_vni("Phöôøng") == "Phường"


def test_with_the_fonts_word_a_reading_no_worse_than_as_typed_is_taken():
    # "Cafeù" is "Café" in a VNI-Times cell: neither is a Vietnamese syllable, but the font says
    # what the clerk saw.
    assert repair("Cafeù", "VNI-Times") == Repair("Café", VNI)


def test_the_sheets_encoding_converts_what_the_words_alone_only_suggest():
    # "quèc" is not Vietnamese as typed, "quốc" is, but no byte proves TCVN3: alone it is only
    # a possibility; in a column known to be TCVN3 it is converted.
    assert repair("quèc") == Repair("quèc", possible=TCVN3, possible_text="quốc")
    assert repair("quèc", prefer=TCVN3) == Repair("quốc", TCVN3)


def test_the_sheets_encoding_allows_one_unknown_word_in_five():
    """A five-word cell with one loanword: "Gara ôtô cũ, số 5 quốc lộ 1A" typed in TCVN3 in
    letters Latin-1 also has (è ò é), so the words alone prove nothing and it is left as typed.
    In a column known to be TCVN3 it is converted: four words become Vietnamese ("quèc" is not
    as typed) and the fifth, "ôtô", one word in five, may stay unknown, as without a sheet."""
    cell = "Gara «t« cò, sè 5 quèc lé 1A"
    assert repair(cell) == Repair(cell)
    assert repair(cell, prefer=TCVN3) == Repair("Gara ôtô cũ, số 5 quốc lộ 1A", TCVN3)


def test_one_word_in_five_may_stay_unknown():
    # "ôtô" is a loanword written as one word, not one syllable: the cell is still converted.
    assert repair("B·i ®ç «t« cña ph\u00adêng") == Repair("Bãi đỗ ôtô của phường", TCVN3)


def test_text_vietnamese_in_every_reading_follows_the_cells_font():
    # "lóa" is a word as typed, "lúa" in TCVN3, "lĩa" in VNI: a .VnTime cell decides.
    assert repair("Kho lóa", ".VnTime") == Repair("Kho lúa", TCVN3)
    assert repair("Kho lóa") == Repair("Kho lóa", possible=TCVN3, possible_text="Kho lúa")


def test_a_possible_vni_reading_is_offered_in_vni():
    assert repair("Khu phoá Long Trung") == Repair("Khu phoá Long Trung", possible=VNI,
                                                   possible_text="Khu phố Long Trung")


@pytest.mark.parametrize(("legacy", "unicode", "tie"), [
    ("thuû", "thuỷ", VNI),  # VNI reads "thủ": just as Vietnamese
    ("Sè tæ: 5", "Số tổ: 5", VNI),  # VNI reads "Sè tỉ": just as Vietnamese
    ("§¶ng uû", "Đảng uỷ", None),  # VNI reads "§¶ng ủ": one word still broken
    ("Ph\u00adêng Long Thµnh", "Phường Long Thành", None),  # VNI changes nothing
])
def test_two_encodings_reading_a_cell_equally_well_are_reported_as_a_tie(legacy, unicode, tie):
    assert repair(legacy) == Repair(unicode, TCVN3, tie=tie)


@pytest.mark.parametrize(("legacy", "unicode"), [("Tæ d©n phè", "Tổ dân phố"),
                                                ("Tæ tr\u00adëng", "Tổ trưởng")])
def test_a_cell_vni_reads_worse_is_no_tie_whatever_the_sheet_says(legacy, unicode):
    # VNI reads "Tæ" as "Tỉ" but leaves the other words broken: TCVN3, and no tie to report.
    assert repair(legacy) == Repair(unicode, TCVN3)
    assert repair(legacy, prefer=VNI) == Repair(unicode, TCVN3)


def test_the_fonts_reading_is_no_tie_with_a_reading_it_outranks():
    # "Uû" is TCVN3 "Uỷ" and VNI "Ủ", both fine; the .VnTime font settles it, so no tie.
    assert repair("Uû ban MTTQ", ".VnTime") == Repair("Uỷ ban MTTQ", TCVN3)


def test_unmistakable_tcvn3_in_a_cell_whose_font_says_vni_is_still_tcvn3():
    # The VNI table changes nothing in it; only TCVN3 makes these words Vietnamese.
    assert repair("Ph\u00adêng Long Thµnh", "VNI-Times") == Repair("Phường Long Thành", TCVN3)


def test_a_capital_inside_a_word_is_evidence_of_tcvn3():
    # "cÊp" is spelled right as typed, if oddly capitalised: Ê is VN3's ấ.
    assert repair("cÊp") == Repair("cấp", TCVN3)
    assert repair("cÊp giÊy") == Repair("cấp giấy", TCVN3)


def test_a_capital_inside_a_word_alone_does_not_convert_a_cell_with_a_word_no_reading_knows():
    """Contrived (no real cell found): every Vietnamese word of the cell is a syllable as typed
    too ("ThÓ" reads "Thó"), its only sign of TCVN3 is a capital inside a word, and one word,
    a name spelt right in Latin-1, neither reading understands (TCVN3 makes it "Mỹller"). The
    reading is no better than the text as typed, so on its words alone the cell is left as
    typed; without the name every word reads, and the capital is enough, as in "cÊp"."""
    cell = "ThÓ dôc thÓ thao xãm sè 5, HLV Müller"
    assert repair(cell) == Repair(cell)
    assert repair("ThÓ dôc thÓ thao xãm sè 5") == Repair("Thể dục thể thao xóm số 5", TCVN3)


@pytest.mark.parametrize(("legacy", "unicode"), [
    ("§T: 0276 3841 234", "ĐT: 0276 3841 234"),  # điện thoại
    ("§TNCSHCM ph\u00adêng", "ĐTNCSHCM phường"),  # Đoàn TNCS Hồ Chí Minh, eight letters
])
def test_abbreviations_with_đ_count_as_words(legacy, unicode):
    assert repair(legacy) == Repair(unicode, TCVN3)


def test_a_run_of_nine_capitals_with_đ_is_not_taken_for_an_abbreviation():
    """An abbreviation with Đ is at most eight capitals (ĐTNCSHCM, above, is the longest in
    common use). No Vietnamese cell was found at this boundary, so the input is contrived: a
    Spanish name in capitals, where VNI would read the Ñ of ENSEÑANZA (nine letters) as Đ.
    "ENSEĐANZA" is no abbreviation and no syllable, so the cell stays as typed. (A Spanish
    word of eight letters or fewer, "ESPAÑA", cannot be told from an abbreviation and is read
    as VNI.)"""
    assert repair("CENTRO DE ENSEÑANZA") == Repair("CENTRO DE ENSEÑANZA")


def test_a_heading_in_capitals_is_restored_in_capitals():
    # "X·" has one ASCII capital: the heading's other word says it is in capitals too.
    assert repair("THÞ X·").text == "THỊ XÃ"


def test_title_case_typed_in_tcvn3_is_not_taken_for_capitals():
    """"Y Tế Xã" typed in TCVN3 is "Y TÕ X·": Õ is VN3's code for the small letter ế, which
    only looks like a capital when read as Windows text. No word has two capitals among its
    ASCII letters, so the cell is in title case, as the .VnTime font drew it, not "Y TẾ XÃ"."""
    assert repair("Y TÕ X·") == Repair("Y Tế Xã", TCVN3)
    assert repair("Y TÕ", ".VnTime") == Repair("Y Tế", TCVN3)


def test_a_name_in_capitals_inside_a_sentence_is_restored_in_capitals():
    # "THÞ" has two ASCII capitals: written in capitals, though the cell is not.
    assert repair("Gi¸m ®èc: L£ THÞ HOA").text == "Giám đốc: LÊ THỊ HOA"


def test_a_letter_just_beyond_latin_1_is_already_unicode():
    # No cp1252 reading of legacy bytes gives U+0100 or above (but for cp1252's own extras).
    assert is_certainly_unicode("Āo") and not is_certainly_unicode("Thµnh")
    assert repair("Āo Thµnh") == Repair("Āo Thµnh")


def test_the_vietnamese_score_counts_words_that_are_minus_words_that_are_not():
    assert vietnamese_score("Phường Thành Müller") == 2 - 1
    assert vietnamese_score("Ph\u00adêng Thµnh") == 2  # both Vietnamese once read as TCVN3
