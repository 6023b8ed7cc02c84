"""The registry format declared once (spec/registry.md): every mapping, its keys and their types.

:mod:`qrdir.registry.validate` reads a registry by this declaration, and ``qrdir init`` writes its
commented starter registry from the same help texts, so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its value type (a converter name in validate.py) and its help."""

    key: str
    type: str
    required: bool = False
    help: dict[str, str] = field(default_factory=dict, compare=False)


TOP_LEVEL = (
    Field("directory", "directory", True, {"vi": "ai công bố danh bạ và ở đâu",
                                           "en": "who publishes this directory and where"}),
    Field("sites", "sites", True, {"vi": "các địa điểm công cộng", "en": "the public addresses"}),
    Field("retired", "retired", False, {"vi": "các mã đã in nhưng không còn dùng",
                                        "en": "ids that were published but are gone"}),
)

DIRECTORY = (
    Field("name", "text", True, {"vi": "tên địa phương, in đầu mỗi trang và áp phích",
                                 "en": "the locality; heads every page and poster"}),
    Field("region", "text", False, {"vi": "khu vực rộng hơn", "en": "the wider area"}),
    Field("base_url", "base_url", True, {"vi": "nơi đăng thư mục output/; càng ngắn càng tốt",
                                         "en": "where output/ is published; keep it short"}),
    Field("publisher", "text", False, {"vi": "đơn vị thực hiện", "en": "who keeps the directory"}),
    Field("language", "language", False, {"vi": "ngôn ngữ: vi hoặc en", "en": "vi or en"}),
    Field("updated", "date", False, {"vi": "ngày cập nhật, viết ngày trước: 28/11/2026",
                                     "en": "date of this edition, day first: 28/11/2026"}),
    Field("hotlines", "hotlines", False, {"vi": "số khẩn cấp in trên mọi trang",
                                          "en": "numbers shown on every page"}),
    Field("formerly", "text_list", False, {"vi": "tên cũ của địa phương",
                                           "en": "earlier names of the locality"}),
    Field("posters", "poster_formats", False, {
        "vi": "khổ áp phích phường in: a4, a5, a6, stickers",
        "en": "poster formats printed: a4, a5, a6, stickers"}),
    Field("deploy", "deploy_target", False, {
        "vi": "nơi qrdir deploy đăng, ví dụ git:origin#gh-pages; không bao giờ ghi mật khẩu",
        "en": "where qrdir deploy publishes, e.g. git:origin#gh-pages; never a password"}),
)

SITE = (
    Field("id", "id", False, {"vi": "mã trong đường dẫn; không bao giờ đổi sau khi đã in",
                              "en": "path segment; never change it once printed"}),
    Field("name", "text", True, {"vi": "tên cơ quan", "en": "the office's name"}),
    Field("kind", "kind", True, {"vi": "loại địa điểm, xem danh sách ở đầu tệp",
                                 "en": "the kind of site (Vietnamese label or code)"}),
    Field("address", "text", True, {"vi": "địa chỉ như người dân vẫn nói",
                                    "en": "the address as a resident would say it"}),
    Field("location", "position", False, {"vi": "toạ độ chép từ Google Maps",
                                          "en": "position as copied from Google Maps"}),
    Field("map_url", "url", False, {"vi": "liên kết bản đồ", "en": "a link to the place on a map"}),
    Field("phone", "phone", False, {"vi": "số điện thoại cơ quan", "en": "the office's number"}),
    Field("email", "email", False, {"vi": "thư điện tử", "en": "email"}),
    Field("website", "url", False, {"vi": "trang web", "en": "website"}),
    Field("hours", "hours", False, {
        "vi": "giờ làm việc, như trên bảng thông báo; ngày không ghi là chưa rõ, không phải nghỉ",
        "en": "opening hours, as on the notice board; days left out are unknown, not closed"}),
    Field("contacts", "contacts", False, {"vi": "người dân có thể gọi",
                                          "en": "the people residents may call"}),
    Field("services", "text_list", False, {"vi": "thủ tục làm được tại đây",
                                           "en": "what residents can get done there"}),
    Field("note", "text", False, {"vi": "một đoạn ghi chú ngắn", "en": "one short paragraph"}),
    Field("formerly", "text_list", False, {"vi": "tên hoặc địa chỉ cũ",
                                           "en": "earlier names or addresses"}),
    Field("verified", "date", False, {"vi": "ngày kiểm tra thông tin gần nhất, như 28/11/2026",
                                      "en": "when the details were last checked, day first"}),
)

CONTACT = (
    Field("role", "text", True, {"vi": "chức vụ", "en": "role"}),
    Field("name", "text", True, {"vi": "họ và tên", "en": "name"}),
    Field("phone", "phone", True, {"vi": "số điện thoại", "en": "phone"}),
    Field("zalo", "boolean", False, {"vi": "số này có Zalo (có/không)",
                                     "en": "the number has Zalo (yes/no)"}),
)

HOTLINE = (
    Field("label", "text", True, {"vi": "tên đường dây", "en": "label"}),
    Field("phone", "phone", True, {"vi": "số điện thoại", "en": "phone"}),
)

RETIRED = (
    Field("id", "id", True, {"vi": "mã cũ đã in", "en": "the printed id"}),
    Field("moved_to", "id", False, {"vi": "mã địa điểm mới", "en": "the site it moved to"}),
    Field("closed", "reason", False, {"vi": "thông báo đã đóng", "en": "what to tell visitors"}),
)

POSITION = (
    Field("lat", "coordinate", True, {"vi": "vĩ độ", "en": "latitude"}),
    Field("lon", "coordinate", True, {"vi": "kinh độ", "en": "longitude"}),
)
