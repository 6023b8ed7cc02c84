"""qrdir.posters.qr_mask gives exactly the matrix, mask and scores of the qrcode package.

The reference is always qrcode itself, called the straightforward way: a printed code must
never change its look, so for every input ``qr.qr_code(text).modules`` must be what
``QRCode(error_correction=Q, border=4)``, ``add_data``, ``make(fit=True)``, ``get_matrix()``
return, and the scores must be ``qrcode.util.lost_point``'s even where the chosen mask would
happen to agree.
"""

from __future__ import annotations

import random
import string

import pytest
import qrcode
import qrcode.exceptions
import qrcode.util
from hypothesis import given, settings
from hypothesis import strategies as st

from qrdir.posters import qr, qr_mask

Q = qrcode.constants.ERROR_CORRECT_Q


def byte_capacity(version: int) -> int:
    """The longest UTF-8 text (in bytes, byte mode) that fits ``version`` at level Q."""
    count_bits = qrcode.util.length_in_bits(qrcode.util.MODE_8BIT_BYTE, version)
    return (qrcode.util.BIT_LIMIT_TABLE[Q][version] - 4 - count_bits) // 8


MAX_BYTES = byte_capacity(40)  # 1,663: the longest URL of lower-case letters that fits


class _Recording(qrcode.QRCode):
    """qrcode as it is, noting the mask its make() settles on."""

    chosen_mask: int | None = None

    def makeImpl(self, test, mask_pattern):  # noqa: N802 (qrcode's name)
        if not test:
            self.chosen_mask = mask_pattern
        super().makeImpl(test, mask_pattern)


def reference(text: str) -> tuple[list[list[bool]], int, int] | None:
    """qrcode's matrix, version and mask for ``text``; None when it fits no version."""
    code = _Recording(error_correction=Q, border=4)
    code.add_data(text.encode("utf-8"))
    try:
        code.make(fit=True)
    except (ValueError, qrcode.exceptions.DataOverflowError):
        return None
    return [[bool(cell) for cell in row] for row in code.get_matrix()], code.version, \
        code.chosen_mask


def codewords(text: str) -> tuple[int, list[int]]:
    """The version and codewords qrcode makes for ``text`` (the input of qr_mask)."""
    code = qrcode.QRCode(error_correction=Q)
    code.add_data(text.encode("utf-8"))
    code.best_fit()
    return code.version, qrcode.util.create_data(code.version, Q, code.data_list)


def assert_same_as_qrcode(text: str) -> tuple[int, int] | None:
    """qr.qr_code(text) is qrcode's matrix, or UrlTooLongError where qrcode fits no version."""
    expected = reference(text)
    if expected is None:
        with pytest.raises(qr.UrlTooLongError):
            qr.qr_code(text)
        return None
    matrix, version, mask = expected
    modules = qr.qr_code(text).modules
    assert type(modules) is tuple and all(type(row) is tuple for row in modules)
    assert {type(cell) for row in modules for cell in row} == {bool}
    assert [list(row) for row in modules] == matrix
    return version, mask


# --- (a) any text, any length -------------------------------------------------------------------

URL_CHARS = string.ascii_lowercase + string.digits + "-._~/?=&#%:"
VIETNAMESE = ("aăâbcdđeêghiklmnoôơpqrstuưvxy"
              "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
              "ĐĂÂÊÔƠƯ ")
ALPHANUMERIC = string.digits + string.ascii_uppercase + " $%*+-./:"  # qrcode's other modes

ALPHABETS = {
    "url": URL_CHARS,
    "vietnamese url": URL_CHARS + VIETNAMESE,
    "vietnamese text": VIETNAMESE + ",.",
    "digits and capitals": ALPHANUMERIC + "abc",  # long runs go into numeric/alphanumeric mode
}


@st.composite
def texts(draw) -> str:
    """Text of 1 to a little past MAX_BYTES bytes: a URL, Vietnamese, or mixed-mode data."""
    target = draw(st.integers(min_value=1, max_value=MAX_BYTES + 40))
    alphabet = ALPHABETS[draw(st.sampled_from(sorted(ALPHABETS)))]
    rng = draw(st.randoms(use_true_random=False))
    prefix = draw(st.sampled_from(["", "https://tayninh.example.vn/", "HTTPS://X.VN/"]))
    chars, size = [prefix], len(prefix.encode())
    while size < target:
        char = rng.choice(alphabet)
        if rng.random() < 0.05:  # runs long enough for qrcode's numeric/alphanumeric chunks
            char *= rng.randint(2, 30)
        chars.append(char)
        size += len(char.encode())
    return "".join(chars)[:target]


@settings(max_examples=30, deadline=None)
@given(text=texts())
def test_any_text_up_to_the_largest_that_fits_gives_qrcodes_own_matrix(text):
    assert_same_as_qrcode(text)


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=300))
def test_arbitrary_unicode_gives_qrcodes_own_matrix(text):
    assert_same_as_qrcode(text)


# --- (b) a ward's URLs: every mask chosen -------------------------------------------------------

WARDS = ["phuong-an-khoi", "phuong-long-thanh-bac", "xa-hao-duoc", "phuong-bau-minh",
         "xa-tan-hoa", "phuong-hoa-thanh", "xa-truong-mit", "phuong-ninh-son", "xa-thanh-dien",
         "phuong-go-dau", "xa-phuoc-vinh", "phuong-trang-bang"]
SITE_IDS = ["ubnd", "mot-cua", "dang-uy", "mttq", "cong-an", "quan-su", "tram-y-te", "buu-dien",
            "kp-1", "kp-2", "kp-3", "ap-4", "ap-12", "truong-thcs-nguyen-du", "truong-mn-hoa-sen",
            "cho-long-hoa", "nha-van-hoa", "hoi-nong-dan", "hoi-phu-nu", "doan-thanh-nien",
            "hoi-cuu-chien-binh", "thu-vien", "san-van-dong", "kp-10", "ap-cay-me"]
WARD_URLS = [f"https://tayninh.example.vn/{ward}/{site}/" for ward in WARDS for site in SITE_IDS]


def test_a_provinces_urls_give_qrcodes_own_matrix_with_every_mask_chosen():
    chosen = {}
    for url in WARD_URLS:
        version, mask = assert_same_as_qrcode(url)
        assert qr_mask.best_mask(*codewords(url)) == mask, url
        chosen.setdefault(mask, url)
    assert sorted(chosen) == list(range(8)), "every mask is qrcode's choice for some URL"


# --- (c) every version ----------------------------------------------------------------------------


@pytest.mark.parametrize("version", range(1, 41))
def test_every_version_gives_qrcodes_own_matrix(version):
    # the longest text that still fits: Vietnamese letters, then ASCII to the exact byte count
    rng = random.Random(version)
    capacity = byte_capacity(version)
    text = "".join(rng.choice(VIETNAMESE) for _ in range(capacity // 4))
    text += "".join(rng.choice(URL_CHARS) for _ in range(capacity - len(text.encode())))
    assert len(text.encode()) == capacity
    assert assert_same_as_qrcode(text)[0] == version
    if version == 40:  # one byte more fits no version
        assert assert_same_as_qrcode(text + "a") is None


# --- the scores -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "https://tayninh.example.vn/phuong-an-khoi/ubnd/",  # version 5, the usual size
    "a",  # version 1
    "https://tayninh.example.vn/xã-hảo-đước/trạm-y-tế/" * 3,  # version 10: version information
    "0123456789" * 40,  # numeric mode
])
def test_the_8_candidates_and_their_scores_are_qrcodes(text):
    version, data = codewords(text)
    code = qrcode.QRCode(error_correction=Q)
    code.add_data(text.encode("utf-8"))
    code.best_fit()
    candidates = qr_mask.candidates(version, data)
    scores = []
    for mask in range(8):
        code.makeImpl(True, mask)  # what best_mask_pattern() scores
        assert qr_mask.from_matrix(code.modules) == candidates[mask]
        scores.append(qrcode.util.lost_point(code.modules))
        assert qr_mask.lost_point(candidates[mask], version) == scores[mask], mask
    assert len(set(scores)) > 1
    assert qr_mask.best_mask(version, data) == code.best_mask_pattern()


MOTIFS = ["10111010000", "00001011101", "1111111", "0000000", "1011101"]


@settings(max_examples=150, deadline=None)
@given(version=st.sampled_from([1, 2, 3, 7]), density=st.sampled_from([0.05, 0.5, 0.95]),
       rng=st.randoms(use_true_random=False))
def test_the_score_of_any_matrix_is_qrcodes_lost_point(version, density, rng):
    """Not only QR-like matrices: long runs, big blocks and finder-like windows at every edge."""
    count = version * 4 + 17
    matrix = [[rng.random() < density for _ in range(count)] for _ in range(count)]
    for _ in range(rng.randint(0, 12)):
        motif = [char == "1" for char in rng.choice(MOTIFS)]
        row, col = rng.randrange(count), rng.randrange(count - len(motif) + 1)
        across = rng.random() < 0.5
        for k, dark in enumerate(motif):
            if across:
                matrix[row][col + k] = dark
            else:
                matrix[col + k][row] = dark
    assert qr_mask.lost_point(qr_mask.from_matrix(matrix), version) \
        == qrcode.util.lost_point(matrix)


@pytest.mark.parametrize("fill", [False, True])
def test_the_score_of_a_single_colour_matrix_is_qrcodes_lost_point(fill):
    matrix = [[fill] * 21 for _ in range(21)]
    assert qr_mask.lost_point(qr_mask.from_matrix(matrix), 1) == qrcode.util.lost_point(matrix)
