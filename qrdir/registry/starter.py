"""``qrdir init``: a commented starter registry and a guide, in Vietnamese.

The comments come from :mod:`qrdir.registry.schema`, the same declaration the validator reads,
so the starter can never describe a key the validator does not accept (a test loads it). The
guide is one self-contained HTML page (inline CSS, nothing fetched), readable on a phone and
printable, rendered from the Jinja2 template ``guide.html`` with the kinds the model declares.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from qrdir.build.files import make_folders, write_atomically
from qrdir.errors import UsageError
from qrdir.registry import schema

REGISTRY_NAME = "sites.yaml"
GUIDE_NAME = "HUONG-DAN.html"

# Example values, written as YAML, for the keys the starter shows. Keys left out here are
# optional ones the guide mentions instead, to keep the starter short enough to read.
_DIRECTORY_EXAMPLE = {
    "name": "Phường Mẫu",
    "region": "Tỉnh Tây Ninh",
    "base_url": "https://phuong-moi.example/",
    "publisher": "Đoàn Thanh niên phường Mẫu",
    "language": "vi",
    "hotlines": '\n    - {label: Công an, phone: "113"}\n    - {label: Cấp cứu, phone: "115"}',
    "formerly": "Phường Cũ, thị xã Mẫu",
}
_SITE_EXAMPLES = (
    {
        "id": "ubnd",
        "name": "UBND phường Mẫu",
        "kind": "Uỷ ban nhân dân",
        "address": "Số 1 đường Chính, khu phố 1, phường Mẫu",
        "location": "11.2991, 106.1372",
        "phone": "0276 3841 234",
        "hours": '"Thứ 2 - Thứ 6: 7:00-11:30, 13:30-17:00; Thứ 7: 7:00-11:00; Chủ nhật: Nghỉ"',
        "contacts": "\n      - role: Chủ tịch UBND phường\n        name: Nguyễn Văn An\n"
        "        phone: 0913 456 789\n        zalo: có",
        "services": "\n      - Chứng thực bản sao\n      - Đăng ký khai sinh",
        "verified": "28/11/2026",
    },
    {
        "id": "tram-y-te",
        "name": "Trạm Y tế phường Mẫu",
        "kind": "Trạm y tế",
        "address": "Đường Số 2, khu phố 2, phường Mẫu",
        "location": "11.3028, 106.1411",
        "phone": "0276 3842 115",
    },
)

_HEADER = """\
# Danh bạ địa chỉ công cộng của phường/xã — tạo bởi "qrdir init".
#
# Cách dùng:
#   1. Sửa các dòng bên dưới cho đúng với địa phương của bạn (giữ nguyên thụt lề bằng dấu cách).
#   2. Chạy "qrdir check" để kiểm tra: mọi lỗi được báo kèm số dòng và cột.
#   3. Chạy "qrdir build" để tạo trang web và áp phích trong thư mục output/.
# Số điện thoại viết kiểu nào cũng được: 0913 456 789, 0913.456.789, +84 913 456 789.
# Toạ độ: trong Google Maps, nhấn giữ vào địa điểm rồi chép dòng "11.2991, 106.1372".
# Loại địa điểm (kind): chọn một trong các loại sau, có dấu hay không dấu đều được:
{kinds}
#   Viết tắt như UBND, Một cửa, Khu phố, Ấp, Trường cũng được.
# Giờ làm việc (hours) viết như trên bảng thông báo, mỗi nhóm ngày cách nhau dấu chấm phẩy:
#   "Thứ 2 - Thứ 6: 7:00-11:30, 13:30-17:00; Thứ 7: 7:00-11:00; Chủ nhật: Nghỉ"
#   (7h30 hay 7:30, T2 hay Thứ 2, CN hay Chủ nhật đều được; ngày không ghi là "chưa rõ").
# Ngày tháng viết ngày trước, tháng sau: 28/11/2026.
# LƯU Ý: sau khi đã in áp phích, KHÔNG được đổi "id" của địa điểm đó.
# Địa chỉ base_url bên dưới là địa chỉ mẫu: khi chưa thay bằng địa chỉ web thật, mọi áp phích
# mang dấu "MẪU – KHÔNG IN", để không ai lỡ in hay đăng dữ liệu mẫu.
"""


def starter_registry() -> str:
    """The commented starter ``sites.yaml``."""
    from qrdir.registry.model import KIND_LABELS, KINDS

    labels = [KIND_LABELS[kind]["vi"] for kind in KINDS]
    # Some labels hold a comma ("Khu phố, ấp"): the list is separated by semicolons.
    kinds = "\n".join("#   " + "; ".join(labels[i:i + 4]) + (";" if i + 4 < len(labels) else ".")
                      for i in range(0, len(labels), 4))
    lines = [_HEADER.format(kinds=kinds), "directory:"]
    lines += _fields(schema.DIRECTORY, _DIRECTORY_EXAMPLE, indent="  ")
    lines += ["", "sites:"]
    for example in _SITE_EXAMPLES:
        fields = _fields(schema.SITE, example, indent="    ")
        fields[1] = "  - " + fields[1].lstrip()  # the first key opens the list item
        lines += fields + [""]
    return "\n".join(lines)


def _fields(declared: tuple[schema.Field, ...], example: dict[str, str], indent: str) -> list[str]:
    lines = []
    for field in declared:
        if field.key not in example:
            continue
        required = " (bắt buộc)" if field.required else ""
        lines.append(f"{indent}# {field.help['vi']}{required}")
        value = example[field.key]
        separator = "" if value.startswith("\n") else " "  # a list starts on the next line
        lines.append(f"{indent}{field.key}:{separator}{value}")
    return lines


def guide() -> str:
    """The guide written beside the starter registry, as one HTML page."""
    import jinja2

    from qrdir.registry.model import KIND_LABELS

    source = importlib.resources.files(__package__).joinpath("guide.html")
    template = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                  keep_trailing_newline=True).from_string(
        source.read_text(encoding="utf-8"))
    return template.render(registry=REGISTRY_NAME,
                           kinds=[(kind, labels["vi"]) for kind, labels in KIND_LABELS.items()])


def init(folder: Path) -> list[Path]:
    """Write the starter registry and guide into ``folder``; never overwrite a registry."""
    folder = Path(folder)
    registry = folder / REGISTRY_NAME
    if registry.exists():
        raise UsageError("init_exists", path=str(registry))
    make_folders(folder)
    written = []
    for name, text in ((REGISTRY_NAME, starter_registry()), (GUIDE_NAME, guide())):
        target = folder / name
        if name == GUIDE_NAME and target.exists():
            continue
        write_atomically(target, text.encode("utf-8"))
        written.append(target)
    return written

