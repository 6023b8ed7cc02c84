"""The mask of a QR code, chosen exactly as the ``qrcode`` package chooses it, but fast.

Why this exists: ``qrcode.QRCode.make()`` picks the mask with ``best_mask_pattern()``, which
lays the whole symbol out 8 times (``makeImpl(True, i)``, module by module) and scores each
with ``qrcode.util.lost_point``, four loops over every module in Python. That was most of the
~6 ms each code cost. Here the data is placed once and every candidate is scored with
whole-matrix integer operations: a code now costs ~0.7 ms, mostly qrcode's own codewords
(bench/qr_speed.py).

What it must match: a printed code never changes its look, so :func:`modules` must return,
for every input, exactly the matrix qrcode returns (``QRCode(error_correction=ec,
border=quiet_zone)``, ``add_data``, ``make(fit=True)``, ``get_matrix()``), mask included. So
:func:`best_mask` returns what ``best_mask_pattern()`` returns:

- candidates are scored as qrcode scores them, with ``test=True``: every format- and
  version-information module light (and the "dark module" beside the lower-left finder too);
- the score is qrcode's own ``lost_point``, not ISO/IEC 18004's text where they differ: (1)
  each run of ``k >= 5`` modules of one colour in a row or column costs ``k - 2``; (2) each 2x2
  block of one colour costs 3 (overlapping blocks all count); (3) each window of 11 modules in
  a row or column reading ``10111010000`` or ``00001011101`` (dark = 1) costs 40, only windows
  wholly inside the symbol, overlapping ones all counted; (4) ``10 * int(abs(dark% - 50) / 5)``,
  computed in floating point exactly as qrcode computes it;
- the first of the lowest scores wins.

The function patterns, format and version information, the mask functions and the codewords
are qrcode's own (its setup methods run on a blank instance, ``util.mask_func``,
``util.create_data``); only the placement of the data bits, the zigzag of ``map_data``, is
written out here. tests/posters/test_qr_mask.py compares the whole matrix and every score with
qrcode's for every version 1-40 and for many inputs.

The layout: a matrix is one ``int``, the symbol with its quiet zone read row by row, the top-left
module the most significant bit. With ``W`` bits a row, ``X << 1`` moves each module onto its
left neighbour and ``X << W`` onto the one above, so ``X & X << 1 & ... & X << 4`` marks where a
run of 5 starts. The quiet zone (at least 1 module) is light in the dark matrix and not part of
the light one (``~X`` within the symbol), so no run, block or window reaches across an edge.
"""

from __future__ import annotations

import functools
from operator import itemgetter

import qrcode
import qrcode.util

Modules = tuple[tuple[bool, ...], ...]

# qrcode's level-3 windows (1 = dark): a finder-like 1:1:3:1:1 with 4 light after or before it
_FINDER_THEN_LIGHT = (1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0)
_LIGHT_THEN_FINDER = (0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1)


@functools.cache
def _function_modules(version: int, error_correction: int, test: bool, mask: int) -> tuple:
    """qrcode's matrix before the data goes in: ``None`` where a data module will be."""
    blank = qrcode.QRCode(version=version, error_correction=error_correction)
    blank.data_cache = []  # not None: makeImpl then leaves util.create_data alone
    blank.map_data = lambda data, mask_pattern: None  # everything makeImpl does but the data
    blank.makeImpl(test, mask)
    return tuple(tuple(row) for row in blank.modules)


class _Layout:
    """Where each module of a version goes in the ``int`` of a matrix with its quiet zone."""

    def __init__(self, version: int, quiet_zone: int):
        if quiet_zone < 1:
            raise ValueError("the layout needs a quiet zone of at least 1 module")
        self.version = version
        self.count = count = version * 4 + 17
        self.quiet_zone = quiet_zone
        self.width = width = count + 2 * quiet_zone
        self.bits = width * width
        # while scoring, format information is all light whatever the level and mask
        self.blank = _function_modules(version, 0, True, 0)
        self.symbol = self.pack(lambda row, col: True)
        self.data = self.pack(lambda row, col: self.blank[row][col] is None)
        self.test_template = self.function_bits(self.blank)
        self._getters: dict[int, itemgetter] = {}

    def pack(self, dark) -> int:
        """The matrix whose module ``(row, col)`` of the symbol is ``dark(row, col)``."""
        quiet, count, width = self.quiet_zone, self.count, self.width
        text = ["0"] * self.bits
        for row in range(count):
            base = (row + quiet) * width + quiet
            for col in range(count):
                if dark(row, col):
                    text[base + col] = "1"
        return int("".join(text), 2)

    def function_bits(self, matrix) -> int:
        return self.pack(lambda row, col: bool(matrix[row][col]))

    def placement(self) -> list[tuple[int, int]]:
        """The data modules in the order qrcode's ``map_data`` fills them."""
        count, blank = self.count, self.blank
        order = []
        step = -1
        row = count - 1
        for col in range(count - 1, 0, -2):
            if col <= 6:  # the vertical timing pattern is skipped
                col -= 1
            while True:
                for c in (col, col - 1):
                    if blank[row][c] is None:
                        order.append((row, c))
                row += step
                if row < 0 or count <= row:
                    row -= step
                    step = -step
                    break
        return order

    def getter(self, n_bits: int) -> itemgetter:
        """Picks, for each bit of the matrix, its data bit out of ``bits + "0"``."""
        getter = self._getters.get(n_bits)
        if getter is None:
            index = [n_bits] * self.bits  # light: outside the data, or past its end
            quiet, width = self.quiet_zone, self.width
            for i, (row, col) in enumerate(self.placement()[:n_bits]):
                index[(row + quiet) * width + quiet + col] = i
            getter = self._getters[n_bits] = itemgetter(*index)
        return getter

    def place(self, codewords) -> int:
        """The data modules before masking: codeword bits, most significant first, then 0s."""
        n_bits = 8 * len(codewords)
        text = format(int.from_bytes(bytes(codewords), "big"), f"0{n_bits}b") + "0"
        return int("".join(self.getter(n_bits)(text)), 2)


@functools.cache
def _layout(version: int, quiet_zone: int) -> _Layout:
    return _Layout(version, quiet_zone)


@functools.cache
def _mask_bits(version: int, quiet_zone: int, mask: int) -> int:
    """The data modules that mask ``mask`` flips (``qrcode.util.mask_func``)."""
    layout = _layout(version, quiet_zone)
    flips = qrcode.util.mask_func(mask)
    return layout.pack(lambda row, col: layout.blank[row][col] is None and flips(row, col))


@functools.cache
def _final_template(version: int, quiet_zone: int, error_correction: int, mask: int) -> int:
    """The function modules of the printed code: format and version information set."""
    layout = _layout(version, quiet_zone)
    return layout.function_bits(_function_modules(version, error_correction, False, mask))


def candidates(version: int, codewords, quiet_zone: int = 4) -> list[int]:
    """The 8 matrices qrcode scores (``makeImpl(True, mask)``), in the layout of this module."""
    return _candidates(version, quiet_zone, _layout(version, quiet_zone).place(codewords))


def _candidates(version: int, quiet_zone: int, data: int) -> list[int]:
    template = _layout(version, quiet_zone).test_template
    return [template | (data ^ _mask_bits(version, quiet_zone, mask)) for mask in range(8)]


def lost_point(matrix: int, version: int, quiet_zone: int = 4) -> int:
    """``qrcode.util.lost_point`` of the symbol held in ``matrix`` (see the module's docstring)."""
    layout = _layout(version, quiet_zone)
    width = layout.width
    dark = matrix
    light = matrix ^ layout.symbol
    points = 0
    shifted = {}
    for colour, x in ((1, dark), (0, light)):
        across = [x << k for k in range(11)]
        down = [x << (k * width) for k in range(11)]
        shifted[colour] = across, down
        # (1) runs of 5 or more: a run of k has k - 4 starts of 5 in a row, plus 2
        run = across[0] & across[1] & across[2] & across[3] & across[4]
        points += run.bit_count() + 2 * (run & ~(run >> 1)).bit_count()
        run = down[0] & down[1] & down[2] & down[3] & down[4]
        points += run.bit_count() + 2 * (run & ~(run >> width)).bit_count()
        # (2) 2x2 blocks of one colour
        pair = across[0] & across[1]
        points += 3 * (pair & pair << width).bit_count()
    # (3) finder-like windows of 11 modules
    for direction in (0, 1):
        found = 0
        for pattern in (_FINDER_THEN_LIGHT, _LIGHT_THEN_FINDER):
            window = -1
            for k, colour in enumerate(pattern):
                window &= shifted[colour][direction][k]
            found += window.bit_count()
        points += 40 * found
    # (4) the proportion of dark modules, in qrcode's floating point
    percent = float(dark.bit_count()) / (layout.count**2)
    points += int(abs(percent * 100 - 50) / 5) * 10
    return points


def best_mask(version: int, codewords, quiet_zone: int = 4) -> int:
    """The mask ``qrcode.QRCode.best_mask_pattern()`` picks for these codewords."""
    return _best_mask(version, quiet_zone, _layout(version, quiet_zone).place(codewords))


def _best_mask(version: int, quiet_zone: int, data: int) -> int:
    scores = [lost_point(matrix, version, quiet_zone)
              for matrix in _candidates(version, quiet_zone, data)]
    return scores.index(min(scores))  # the first of the lowest, as qrcode's strict ``>``


def modules(version: int, error_correction: int, codewords, quiet_zone: int = 4) -> Modules:
    """qrcode's ``get_matrix()`` after ``make()`` for these codewords, as tuples of bools."""
    layout = _layout(version, quiet_zone)
    data = layout.place(codewords)
    mask = _best_mask(version, quiet_zone, data)
    matrix = (_final_template(version, quiet_zone, error_correction, mask)
              | (data ^ _mask_bits(version, quiet_zone, mask)))
    return to_modules(matrix, layout.width)


def to_modules(matrix: int, width: int) -> Modules:
    """The rows of a matrix in this module's layout, quiet zone included, as tuples of bools."""
    text = format(matrix, f"0{width * width}b")
    dark = "1".__eq__
    return tuple(tuple(map(dark, text[i:i + width])) for i in range(0, width * width, width))


def from_matrix(matrix, quiet_zone: int = 4) -> int:
    """A qrcode ``modules`` matrix (no quiet zone, bools) in this module's layout."""
    layout = _layout((len(matrix) - 17) // 4, quiet_zone)
    return layout.pack(lambda row, col: bool(matrix[row][col]))
