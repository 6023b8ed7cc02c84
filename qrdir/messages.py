"""Every message qrdir says to a user, in Vietnamese (default) and English, keyed by a stable code.

Problems print the way compilers do, ``file:line:col: error: message``, so editors can jump
to them (spec/cli.md). The prefix is the same in both languages; only the sentence changes.
"""

from __future__ import annotations

import os

from qrdir.registry.model import Problem

LANGUAGES = ("vi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- command results -------------------------------------------------------------------
    "built": {
        "vi": "đã tạo {sites} địa điểm ({files} tệp) trong {output}",
        "en": "built {sites} sites ({files} files) into {output}",
    },
    # --- the file as a whole -------------------------------------------------------------
    "file_missing": {
        "vi": 'không tìm thấy tệp "{path}"; kiểm tra lại tên và thư mục',
        "en": 'file "{path}" not found; check the name and folder',
    },
    "bad_source_date_epoch": {
        "vi": 'biến môi trường SOURCE_DATE_EPOCH="{value}" phải là số giây kể từ 1970',
        "en": 'the SOURCE_DATE_EPOCH="{value}" environment variable must be seconds since 1970',
    },
    "file_not_utf8": {
        "vi": "tệp không phải UTF-8 (byte lạ ở vị trí {offset}); hãy lưu lại với mã hoá UTF-8",
        "en": "the file is not UTF-8 (bad byte at offset {offset}); save it again as UTF-8",
    },
    "file_empty": {
        "vi": "tệp trống; cần có mục directory và sites (xem qrdir init)",
        "en": "the file is empty; it needs a directory and a sites section (see qrdir init)",
    },
    "file_too_large": {
        "vi": "tệp quá lớn ({size} byte, tối đa 5 MiB); hãy tách thành nhiều tệp",
        "en": "the file is too large ({size} bytes, at most 5 MiB); split it into several files",
    },
    "too_deep": {
        "vi": "lồng nhau quá sâu (hơn 20 cấp); kiểm tra lại thụt lề",
        "en": "nested too deeply (more than 20 levels); check the indentation",
    },
    "control_character": {
        "vi": "tệp có ký tự điều khiển {codepoint} không in được; hãy xoá ký tự đó",
        "en": "the file contains the unprintable control character {codepoint}; delete it",
    },
    "alias_refused": {
        "vi": "không dùng neo và tham chiếu YAML (&, *) trong danh bạ; hãy viết đầy đủ giá trị",
        "en": "YAML anchors and aliases (&, *) are not allowed; write the value out in full",
    },
    "tag_refused": {
        "vi": 'không dùng thẻ YAML "{tag}"; hãy bỏ thẻ đó',
        "en": 'YAML tag "{tag}" is not allowed; remove it',
    },
    # --- structure -------------------------------------------------------------------------
    "duplicate_key": {
        "vi": 'khoá "{key}" xuất hiện hai lần (lần đầu ở dòng {first_line}); hãy giữ một',
        "en": 'key "{key}" is given twice (first on line {first_line}); keep only one',
    },
    "unknown_key": {
        "vi": 'khoá lạ "{key}"; các khoá hợp lệ: {valid}',
        "en": 'unknown key "{key}"; valid keys are: {valid}',
    },
    "unknown_key_suggest": {
        "vi": 'khoá lạ "{key}" (có phải ý bạn là "{suggestion}"?)',
        "en": 'unknown key "{key}" (did you mean "{suggestion}"?)',
    },
    "missing_key": {
        "vi": 'thiếu khoá bắt buộc "{key}"; hãy thêm dòng {key}: …',
        "en": 'required key "{key}" is missing; add a line {key}: …',
    },
    "expected_mapping": {
        "vi": '"{key}" phải gồm các dòng khoá: giá trị',
        "en": '"{key}" must be a mapping of key: value lines',
    },
    "expected_list": {
        "vi": '"{key}" phải là một danh sách (mỗi mục bắt đầu bằng dấu -)',
        "en": '"{key}" must be a list (each item starting with -)',
    },
    "expected_text": {
        "vi": '"{key}" phải là một giá trị văn bản, không phải danh sách hay khoá con',
        "en": '"{key}" must be a single text value, not a list or mapping',
    },
    "empty_value": {
        "vi": '"{key}" đang để trống; hãy điền giá trị hoặc xoá dòng này',
        "en": '"{key}" is empty; fill it in or delete the line',
    },
    "value_control_character": {
        "vi": "{key} có ký tự điều khiển {codepoint} không in được; hãy xoá ký tự đó",
        "en": "{key} contains the unprintable control character {codepoint}; delete it",
    },
    "text_only_yes_no": {
        "vi": '{key} chỉ ghi "{value}", một từ có/không, nên trang sẽ chỉ hiện chữ "{value}"; '
        "hãy viết đầy đủ bằng lời điều người dân cần đọc",
        "en": '{key} is only "{value}", a yes/no word, so the page would just say "{value}"; '
        "write out in words what residents should read",
    },
    "text_only_number": {
        "vi": '{key} chỉ ghi số "{value}", nên trang sẽ chỉ hiện số "{value}"; hãy viết đầy đủ '
        'bằng lời điều người dân cần đọc, ví dụ "Khu phố 1" chứ không chỉ "1"',
        "en": '{key} is only the number "{value}", so the page would just say "{value}"; write '
        'out in words what residents should read, for example "Khu phố 1", not just "1"',
    },
    "closed_not_a_reason": {
        "vi": '{key} chỉ ghi "{value}"; đây không phải ô có/không mà là dòng chữ hiện ở địa chỉ '
        "cũ, hãy viết lý do, ví dụ: {key}: Đã sáp nhập vào Trạm Y tế phường Long Hoa",
        "en": '{key} is only "{value}"; it is not a yes/no box but the text shown at the old '
        "address, so write the reason, for example: {key}: Đã sáp nhập vào Trạm Y tế phường "
        "Long Hoa",
    },
    "empty_sites": {
        "vi": "danh sách sites trống; cần ít nhất một địa điểm",
        "en": "the sites list is empty; add at least one site",
    },
    # --- ids and kinds -------------------------------------------------------------------
    "bad_id": {
        "vi": '{key} "{value}" không phải mã hợp lệ; chỉ dùng chữ thường không dấu, số và dấu -, '
        "tối đa 64 ký tự (ví dụ: tram-y-te)",
        "en": '{key} "{value}" is not a valid id; use only lower-case ASCII letters, digits and -, '
        "at most 64 characters (for example: tram-y-te)",
    },
    "id_not_derivable": {
        "vi": 'không tạo được mã (id) từ name "{name}"; hãy thêm khoá id cho địa điểm này',
        "en": 'cannot make an id from name "{name}"; add an id key to this site',
    },
    "duplicate_id": {
        "vi": 'id "{id}" trùng với địa điểm ở dòng {first_line}; hãy đặt id khác cho một trong hai',
        "en": 'id "{id}" is already used by the site on line {first_line}; give one of them another id',
    },
    "duplicate_id_derived": {
        "vi": 'name "{name}" cho mã "{id}", trùng với địa điểm ở dòng {first_line}; '
        "hãy thêm id khác cho một trong hai",
        "en": 'name "{name}" makes the id "{id}", already used by the site on line {first_line}; '
        "add another id to one of them",
    },
    "bad_kind": {
        "vi": '{key} "{value}" không hợp lệ; ghi tên loại (hoặc mã trong ngoặc), chọn một trong: '
        "{valid}",
        "en": '{key} "{value}" is not valid; write the kind\'s Vietnamese name (or the code in '
        "brackets), one of: {valid}",
    },
    "bad_kind_suggest": {
        "vi": '{key} "{value}" không hợp lệ (có phải ý bạn là "{suggestion}"?)',
        "en": '{key} "{value}" is not valid (did you mean "{suggestion}"?)',
    },
    # --- values ----------------------------------------------------------------------------
    "comment_cuts_value": {
        "vi": '{key} chỉ được đọc là "{value}": từ dấu # trở đi ("{comment}") YAML coi là ghi chú '
        "nên không được đăng; nếu # là một phần của giá trị, hãy đặt cả giá trị trong dấu ngoặc "
        "kép: {quoted}; nếu đó là ghi chú, hãy chuyển nó lên một dòng riêng",
        "en": '{key} reads only "{value}": YAML takes everything from the # on ("{comment}") as a '
        "comment, which is not published; if the # is part of the value, put the whole value in "
        "quotes: {quoted}; if it is a note, move it to a line of its own",
    },
    "bad_phone": {
        "vi": '{key} "{value}" không phải số điện thoại Việt Nam',
        "en": '{key} "{value}" is not a Vietnamese phone number',
    },
    "old_mobile": {
        "vi": '{key} "{value}" là số di động 11 chữ số cũ (đã đổi năm 2018); số mới là "{new}"',
        "en": '{key} "{value}" is an old 11-digit mobile number (renumbered in 2018); '
        'its new number is "{new}"',
    },
    "bad_location": {
        "vi": '{key} "{value}" không đọc được; viết "vĩ độ, kinh độ", ví dụ "11.2991, 106.1372"',
        "en": '{key} "{value}" cannot be read; write "latitude, longitude", '
        'for example "11.2991, 106.1372"',
    },
    "bad_coordinate": {
        "vi": '{key} "{value}" không phải một số; viết toạ độ dạng số thập phân, ví dụ 11.2991',
        "en": '{key} "{value}" is not a number; write the coordinate in decimal degrees, '
        "for example 11.2991",
    },
    "lat_range": {
        "vi": "vĩ độ {value} trong {key} nằm ngoài phạm vi (-90 đến 90)",
        "en": "latitude {value} in {key} is out of range (-90 to 90)",
    },
    "lat_range_swapped": {
        "vi": "vĩ độ {value} trong {key} nằm ngoài phạm vi (-90 đến 90); "
        "có phải vĩ độ và kinh độ bị đảo?",
        "en": "latitude {value} in {key} is out of range (-90 to 90); "
        "latitude and longitude swapped?",
    },
    "lon_range": {
        "vi": "kinh độ {value} trong {key} nằm ngoài phạm vi (-180 đến 180)",
        "en": "longitude {value} in {key} is out of range (-180 to 180)",
    },
    "outside_vietnam": {
        "vi": "{key} {value} nằm ngoài Việt Nam; kiểm tra lại toạ độ",
        "en": "{key} {value} is outside Vietnam; check the coordinates",
    },
    "no_map": {
        "vi": "địa điểm không có location hay map_url; người quét mã sẽ mong thấy bản đồ",
        "en": "the site has neither location nor map_url; residents scanning the code expect a map",
    },
    "bad_url": {
        "vi": '{key} "{value}" không phải địa chỉ web; chỉ chấp nhận liên kết bắt đầu bằng '
        "http:// hoặc https://",
        "en": '{key} "{value}" is not a web address; only links starting with http:// or https:// '
        "are accepted",
    },
    "base_url_query": {
        "vi": 'base_url "{value}" không được có phần ? hay #; hãy xoá chúng',
        "en": 'base_url "{value}" must not have a ? query or # fragment; remove them',
    },
    "bad_poster_format": {
        "vi": '{key} "{value}" không phải khổ áp phích qrdir in được; chọn trong: {valid}',
        "en": '{key} "{value}" is not a poster format qrdir prints; choose from: {valid}',
    },
    # publish.md "Secrets stay secret": no deploy message repeats the value, which may hold one.
    "deploy_credential": {
        "vi": "{key} có chứa thông tin đăng nhập (mật khẩu, mã truy cập hoặc tham số sau dấu ?); "
        "không bao giờ ghi thông tin đăng nhập vào danh bạ: hãy xoá phần đó, qrdir deploy sẽ dùng "
        "khoá SSH, biến môi trường hoặc tệp cấu hình của dịch vụ",
        "en": "{key} carries a credential (a password, an access token or parameters after ?); "
        "credentials never go in the registry: remove that part, qrdir deploy uses SSH keys, "
        "environment variables or the service's own configuration files",
    },
    "deploy_unknown": {
        "vi": "{key} không phải nơi qrdir deploy đăng được; viết theo một trong các dạng: {forms}",
        "en": "{key} is not a target qrdir deploy can publish to; write one of the forms: {forms}",
    },
    "deploy_bad_form": {
        "vi": "{key} chưa đúng dạng {form}; ví dụ: {key}: {example}",
        "en": "{key} does not have the form {form}; for example: {key}: {example}",
    },
    # --- qrdir deploy (publish.md) ----------------------------------------------------------
    "deploy_no_target": {
        "vi": "chưa biết đăng lên đâu: hãy ghi --to NƠI_ĐĂNG, hoặc directory.deploy trong {registry} (ví dụ git:origin#gh-pages)",
        "en": "no target to deploy to: give --to TARGET, or directory.deploy in {registry} (for example git:origin#gh-pages)",
    },
    "deploy_not_built": {
        "vi": 'thư mục "{output}" chưa có trang web đã tạo (không có index.html); hãy chạy qrdir build trước',
        "en": 'folder "{output}" holds no built site (no index.html); run qrdir build first',
    },
    "deploy_orphans": {
        "vi": "không đăng: {target} đang phục vụ {count} mã đã in ({ids}) mà bản này không còn trang nào, cũng không ghi là đã chuyển hay đã đóng; mã QR dán trên tường sẽ hỏng. Không có gì bị thay đổi. Hãy thêm lại các địa điểm đó vào danh bạ hoặc khai báo chúng là đã chuyển/đã đóng, tạo lại và đăng lại",
        "en": "refused: {target} serves {count} printed code(s) ({ids}) that this output neither serves nor retires; codes on walls would break. Nothing was changed. Add those sites back to the registry or retire them (moved or closed), build, and deploy again",
    },
    "deploy_too_many_deletes": {
        "vi": "không đăng: lần này sẽ xoá {deletes} trong {files} tệp của {target} (nhiều hơn {limit}). Không có gì bị thay đổi. Hãy kiểm tra -o và --to; nếu đúng là muốn xoá, thêm --force",
        "en": "refused: this deploy would delete {deletes} of the {files} files at {target} (more than {limit}). Nothing was changed. Check -o and --to; if the deletions are meant, add --force",
    },
    "deploy_folder_missing": {
        "vi": 'không có thư mục chứa "{folder}"; hãy kiểm tra đường dẫn sau file:// (ổ mạng đã gắn chưa?)',
        "en": 'the folder holding "{folder}" does not exist; check the path after file:// (is the share mounted?)',
    },
    "deploy_folder_failed": {
        "vi": 'không ghi được vào thư mục "{folder}": {reason}; hãy kiểm tra quyền ghi và chỗ trống trên đĩa, rồi đăng lại',
        "en": 'cannot write to folder "{folder}": {reason}; check the write permission and free space, then deploy again',
    },
    "deploy_git_missing": {
        "vi": "không tìm thấy lệnh git; hãy cài git để đăng lên một nhánh",
        "en": "the git command was not found; install git to deploy to a branch",
    },
    "deploy_git_unreachable": {
        "vi": 'git không đọc được "{remote}": hãy kiểm tra tên hoặc địa chỉ kho, mạng, và quyền truy cập (khoá SSH hoặc mã truy cập)',
        "en": 'git cannot read "{remote}": check the remote\'s name or address, the network, and your access (SSH key or token)',
    },
    "deploy_git_push_failed": {
        "vi": 'git không đẩy được lên nhánh {branch} của "{remote}": hãy kiểm tra quyền ghi vào kho; nếu vừa có người khác đẩy lên nhánh đó, hãy đăng lại. Nhánh không bị thay đổi',
        "en": 'git could not push to branch {branch} of "{remote}": check your permission to push; if someone else just pushed to that branch, deploy again. The branch was not changed',
    },
    "deploy_git_failed": {
        "vi": 'git gặp lỗi khi chuẩn bị nhánh {branch} cho "{remote}"; nhánh không bị thay đổi, hãy đăng lại',
        "en": 'git failed while preparing branch {branch} for "{remote}"; the branch was not changed, deploy again',
    },
    "deploy_s3_not_installed": {
        "vi": 'để đăng lên s3:// cần cài thêm boto3: pip install "qrdir[s3]"',
        "en": 'deploying to s3:// needs boto3: pip install "qrdir[s3]"',
    },
    "deploy_s3_no_credentials": {
        "vi": "không có thông tin đăng nhập cho kho s3://{bucket}: hãy đặt AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY (hoặc AWS_PROFILE) trong môi trường, không bao giờ trong danh bạ",
        "en": "no credentials for s3://{bucket}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment, never in the registry",
    },
    "deploy_s3_no_bucket": {
        "vi": "không có kho (bucket) {bucket} ở địa chỉ này: hãy kiểm tra tên kho sau s3:// và --endpoint-url",
        "en": "there is no bucket {bucket} at this address: check the bucket's name after s3:// and --endpoint-url",
    },
    "deploy_s3_denied": {
        "vi": "kho s3://{bucket} từ chối thông tin đăng nhập: hãy kiểm tra AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY và quyền ghi của khoá đó vào kho",
        "en": "s3://{bucket} refused the credentials: check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and that the key may write to the bucket",
    },
    "deploy_s3_unreachable": {
        "vi": "không kết nối được tới dịch vụ lưu trữ của s3://{bucket}, kể cả khi đã thử lại: hãy kiểm tra --endpoint-url và mạng, rồi đăng lại",
        "en": "cannot connect to the storage service of s3://{bucket}, even after retrying: check --endpoint-url and the network, then deploy again",
    },
    "deploy_s3_failed": {
        "vi": "dịch vụ lưu trữ của s3://{bucket} báo lỗi {code}; hãy đăng lại, những tệp đã tải lên vẫn nguyên vẹn",
        "en": "the storage service of s3://{bucket} answered {code}; deploy again, the files already uploaded are whole",
    },
    "deploy_changed_urls_unwritable": {
        "vi": 'đã đăng xong, nhưng không ghi được danh sách địa chỉ đã đổi vào "{path}": {reason}',
        "en": 'deployed, but the list of changed addresses could not be written to "{path}": {reason}',
    },
    "deploy_would_upload": {"vi": "sẽ tải lên  {path}", "en": "would upload {path}"},
    "deploy_would_change": {"vi": "sẽ thay     {path}", "en": "would change {path}"},
    "deploy_would_delete": {"vi": "sẽ xoá      {path}", "en": "would delete {path}"},
    "deploy_dry_run": {
        "vi": "chạy thử, không thay đổi gì ở {target}: sẽ tải lên {uploaded} tệp ({bytes} byte), xoá {deleted}, giữ nguyên {unchanged}",
        "en": "dry run, nothing changed at {target}: would upload {uploaded} files ({bytes} bytes), delete {deleted}, leave {unchanged} unchanged",
    },
    "deploy_done": {
        "vi": "đã đăng lên {target}: tải lên {uploaded} tệp ({bytes} byte), xoá {deleted}, giữ nguyên {unchanged}",
        "en": "deployed to {target}: {uploaded} files uploaded ({bytes} bytes), {deleted} deleted, {unchanged} unchanged",
    },
    "base_url_example": {
        "vi": 'base_url "{value}" là tên miền dành riêng cho ví dụ: trang web và áp phích chỉ là dữ liệu mẫu, mọi áp phích đều mang dấu "MẪU – KHÔNG IN"; hãy ghi địa chỉ web thật của phường/xã',
        "en": 'base_url "{value}" is a name reserved for examples: the site is sample data and every poster is marked "MẪU – KHÔNG IN" (sample, do not print); put the ward\'s real web address here',
    },
    "bad_email": {
        "vi": '{key} "{value}" không phải địa chỉ email (ví dụ: ubnd@example.gov.vn)',
        "en": '{key} "{value}" is not an email address (for example: ubnd@example.gov.vn)',
    },
    "bad_date": {
        "vi": '{key} "{value}" không phải ngày hợp lệ; viết ngày trước: NGÀY/THÁNG/NĂM, '
        "ví dụ 28/11/2026 (hoặc 2026-11-28)",
        "en": '{key} "{value}" is not a valid date; write the day first: DAY/MONTH/YEAR, '
        "for example 28/11/2026 (or 2026-11-28)",
    },
    "bad_language": {
        "vi": '{key} "{value}" không được hỗ trợ; chọn vi hoặc en',
        "en": '{key} "{value}" is not supported; choose vi or en',
    },
    "bad_boolean": {
        "vi": '{key} "{value}" không phải có/không; viết true, false, yes, no, có hoặc không',
        "en": '{key} "{value}" is not yes/no; write true, false, yes, no, có or không',
    },
    # --- opening hours ----------------------------------------------------------------------
    "hours_bad_day": {
        "vi": 'ngày "{value}" trong {key} không hợp lệ; dùng Thứ 2 … Thứ 7, Chủ nhật (hoặc T2 … '
        "T7, CN; mon … sun) hay một khoảng như Thứ 2 - Thứ 6",
        "en": 'day "{value}" in {key} is not valid; use Thứ 2 … Thứ 7, Chủ nhật (or T2 … T7, CN; '
        "mon … sun) or a range like Thứ 2 - Thứ 6",
    },
    "hours_day_repeat": {
        "vi": 'ngày "{day}" trong {key} đã có giờ mở cửa ở dòng {first_line}; '
        "mỗi ngày chỉ ghi một lần",
        "en": 'day "{day}" in {key} already has hours on line {first_line}; give each day once',
    },
    "hours_bad_value": {
        "vi": 'giờ mở cửa {key}: "{value}" không hợp lệ; viết như "7:00-11:30, 13:30-17:00" '
        "(hoặc 7h-11h30, 13h30-17h), hoặc Nghỉ",
        "en": 'opening hours {key}: "{value}" are not valid; write like "7:00-11:30, 13:30-17:00" '
        "(or 7h-11h30, 13h30-17h), or closed (Nghỉ)",
    },
    "hours_bad_interval": {
        "vi": 'khoảng giờ "{value}" trong {key} không hợp lệ: giờ đóng phải sau giờ mở, '
        "trong 00:00-24:00",
        "en": 'interval "{value}" in {key} is not valid: closing must come after opening, '
        "within 00:00-24:00",
    },
    "hours_overlap": {
        "vi": 'khoảng giờ "{first}" và "{second}" trong {key} chồng lên nhau; hãy sửa hoặc gộp lại',
        "en": 'intervals "{first}" and "{second}" in {key} overlap; fix or merge them',
    },
    # --- retired ids ------------------------------------------------------------------------
    "retired_needs_one": {
        "vi": 'mã đã bỏ "{id}" cần đúng một trong hai khoá moved_to hoặc closed',
        "en": 'retired id "{id}" needs exactly one of moved_to or closed',
    },
    "retired_unknown_target": {
        "vi": 'moved_to "{target}" không phải mã của địa điểm nào trong sites',
        "en": 'moved_to "{target}" is not the id of any site in sites',
    },
    "retired_is_site": {
        "vi": 'id "{id}" vừa là địa điểm vừa nằm trong retired; hãy bỏ một trong hai',
        "en": 'id "{id}" is both a site and retired; remove one of them',
    },
    "duplicate_retired": {
        "vi": 'id "{id}" trong retired được ghi hai lần (lần đầu ở dòng {first_line}); hãy giữ một',
        "en": 'retired id "{id}" is listed twice (first on line {first_line}); keep only one',
    },
    "interrupted": {
        "vi": "đã dừng; thư mục output vẫn giữ nguyên như trước",
        "en": "stopped; the output folder is as it was before",
    },
    "interrupted_after_publishing": {
        "vi": "đã dừng khi bản mới đã được đưa vào thư mục output (hoặc vào một số phường); "
        "hãy chạy lại qrdir build để hoàn tất",
        "en": "stopped after the new output (or some wards of it) had replaced the old one; "
        "run qrdir build again to finish",
    },
    "init_exists": {
        "vi": 'đã có "{path}"; qrdir init không ghi đè danh bạ, hãy chọn thư mục khác',
        "en": '"{path}" already exists; qrdir init never overwrites a registry, choose another folder',
    },
    "init_done": {
        "vi": "đã tạo {files}", "en": "created {files}",
    },
    "serve_error_title": {
        "vi": "Danh bạ đang có lỗi — sửa sites.yaml, trang sẽ tự tải lại",
        "en": "The registry has errors — fix sites.yaml and this page reloads by itself",
    },
    "serve_ready": {
        "vi": "xem thử tại {url} (nhấn Ctrl+C để dừng)",
        "en": "preview at {url} (press Ctrl+C to stop)",
    },
    "serve_rebuilt": {"vi": "đã tạo lại: {sites} địa điểm", "en": "rebuilt: {sites} sites"},
    "port_in_use": {
        "vi": "không mở được {host}:{port} ({reason}); hãy thử --port khác, hoặc --host 127.0.0.1",
        "en": "cannot listen on {host}:{port} ({reason}); try another --port, or --host 127.0.0.1",
    },
    "host_config_not_built": {
        "vi": 'chưa có trang nào trong "{output}"; hãy chạy qrdir build trước (cấu hình lấy chính sách '
        "bảo mật từ các trang đã tạo), hoặc chỉ đúng thư mục bằng -o",
        "en": 'no pages in "{output}"; run qrdir build first (the configuration takes the security '
        "policy from the built pages), or name the right folder with -o",
    },
    "host_config_unsafe_url": {
        "vi": 'địa chỉ "{url}" có ký tự không thể ghi an toàn vào cấu hình máy chủ (chỉ dùng chữ '
        "cái không dấu, số và . - _ ~ : / @); hãy sửa base_url",
        "en": 'the address "{url}" holds a character a server configuration cannot carry safely '
        "(use only ASCII letters, digits and . - _ ~ : / @); correct base_url",
    },
    "no_wards": {
        "vi": 'thư mục "{path}" không có danh bạ phường/xã nào (tệp .yaml hoặc .xlsx)',
        "en": 'the folder "{path}" holds no ward registries (.yaml or .xlsx files)',
    },
    "ward_base_url": {
        "vi": 'base_url "{value}" phải kết thúc bằng "/{stem}/" vì trang của phường này nằm trong thư mục {stem}/ của tỉnh',
        "en": 'base_url "{value}" must end with "/{stem}/": this ward\'s pages live in the province\'s {stem}/ folder',
    },
    "lock_with_folder": {
        "vi": "--lock chỉ dùng cho một danh bạ; với một thư mục, mỗi phường có sổ mã <tên>.lock riêng",
        "en": "--lock is for a single registry; in a folder each ward keeps its own <name>.lock",
    },
    "province_built": {
        "vi": "đã tạo {wards} phường/xã, {sites} địa điểm trong {output}",
        "en": "built {wards} wards, {sites} sites into {output}",
    },
    # --- the issued-codes ledger ----------------------------------------------------------
    "ledger_orphan": {
        "vi": 'mã "{id}" đã được công bố (có thể đã in trên áp phích) nhưng không còn trong {registry}; '
        'nếu địa điểm đổi mã hay sáp nhập, thêm vào retired: "- {{id: {id}, moved_to: MÃ-MỚI}}"; '
        'nếu đã đóng: "- {{id: {id}, closed: LÝ DO}}"',
        "en": 'id "{id}" was published (its poster may be printed) but is no longer in {registry}; '
        'if the site was renamed or merged, add to retired: "- {{id: {id}, moved_to: NEW-ID}}"; '
        'if it closed: "- {{id: {id}, closed: REASON}}"',
    },
    "served_orphan": {
        "vi": 'trang của mã "{id}" đang có trên trang web (mã QR của nó có thể đã được in) nhưng mã này '
        'không còn trong {registry} và cũng không có trong sổ mã; nếu địa điểm đổi mã hay sáp nhập, '
        'thêm vào retired: "- {{id: {id}, moved_to: MÃ-MỚI}}"; nếu đã đóng: "- {{id: {id}, closed: LÝ DO}}"',
        "en": 'the page of id "{id}" is on the web (its QR code may be printed) but the id is no longer '
        'in {registry}, nor in the ledger; if the site was renamed or merged, add to retired: '
        '"- {{id: {id}, moved_to: NEW-ID}}"; if it closed: "- {{id: {id}, closed: REASON}}"',
    },
    "updated_stale": {
        "vi": "updated: {updated} cũ hơn lần thay đổi gần nhất ({changed}: {ids}), nên các trang ghi "
        "ngày cập nhật sai; hãy xoá dòng updated để mỗi trang tự ghi ngày nó thay đổi, "
        "hoặc sửa thành {changed}",
        "en": "updated: {updated} is older than the latest change ({changed}: {ids}), so pages show a "
        "wrong date; delete the updated line so each page shows the date it changed, "
        "or set it to {changed}",
    },
    "base_url_changed": {
        "vi": "base_url đã đổi từ {old} sang {new}: mọi mã QR đã in vẫn trỏ tới {old}; "
        "hãy chuyển hướng địa chỉ cũ theo tệp redirects.txt trong thư mục output",
        "en": "base_url changed from {old} to {new}: every printed QR code still points at {old}; "
        "redirect the old addresses as listed in redirects.txt in the output folder",
    },
    "ledger_damaged": {
        "vi": 'tệp sổ mã "{path}" bị hỏng hoặc bị sửa tay; hãy lấy lại bản đúng từ nơi lưu trữ (ví dụ git)',
        "en": 'the ledger "{path}" is damaged or was edited by hand; restore it from where it is kept (e.g. git)',
    },
    # --- the change report --------------------------------------------------------------------
    "report_first_build": {
        "vi": "lần tạo đầu tiên: {sites} địa điểm; hãy lưu tệp qrdir.lock cùng danh bạ",
        "en": "first build: {sites} sites; keep qrdir.lock together with the registry",
    },
    "report_added": {"vi": "thêm mới: {id}", "en": "added: {id}"},
    "report_removed": {"vi": "đã bỏ: {id}", "en": "removed: {id}"},
    "report_nothing_changed": {
        "vi": "không có trang nào thay đổi", "en": "no page changed",
    },
    "report_redirects_changed": {
        "vi": "các địa chỉ chuyển hướng đã đổi: nếu máy chủ dùng nginx hoặc Caddy, hãy in lại cấu hình "
        "(qrdir host-config nginx hoặc caddy) rồi nạp lại máy chủ; Apache, Netlify và Cloudflare "
        "Pages dùng ngay tệp mới trong output",
        "en": "the redirects changed: if the server runs nginx or Caddy, print its configuration again "
        "(qrdir host-config nginx or caddy) and reload it; Apache, Netlify and Cloudflare Pages "
        "use the new files in the output as they are",
    },
    "report_dropped_posters": {
        "vi": "áp phích không còn được tạo nên đã xoá khỏi thư mục output: {files}; để luôn giữ, "
        "ghi các khổ cần in vào directory, ví dụ posters: [a4, a5, a6, stickers]",
        "en": "posters no longer made, so removed from the output folder: {files}; to keep them, "
        "list the formats you print in directory, e.g. posters: [a4, a5, a6, stickers]",
    },
    "report_reprint_codes": {
        "vi": "mã QR cần in lại: {ids}", "en": "QR codes that need reprinting: {ids}",
    },
    "report_none": {"vi": "không có", "en": "none"},
    "progress_label": {"vi": "Đang tạo", "en": "Building"},
    # --- printing (posters, QR) -------------------------------------------------------------
    "qr_modules_too_small": {
        "vi": "mã QR của {url} trên {format} có ô {size_mm} mm, nhỏ hơn mức tối thiểu {min_mm} mm; "
        "hãy rút ngắn base_url hoặc id",
        "en": "the QR code of {url} on the {format} has {size_mm} mm modules, below the minimum "
        "{min_mm} mm; use a shorter base_url or id",
    },
    "glyph_missing": {
        "vi": 'phông chữ áp phích thiếu ký tự "{char}" ({codepoint}) trong "{text}"; hãy thay ký tự đó',
        "en": 'the poster font lacks the character "{char}" ({codepoint}) in "{text}"; replace it',
    },
    "qr_url_too_long": {
        "vi": "địa chỉ {url} dài {length} ký tự, quá dài để tạo mã QR; hãy rút ngắn base_url hoặc id",
        "en": "the address {url} is {length} characters long, too long for a QR code; "
        "use a shorter base_url or id",
    },
    "poster_text_too_long": {
        "vi": 'chữ "{text}" không vừa trên {format} kể cả ở cỡ chữ nhỏ nhất; hãy viết ngắn lại',
        "en": 'the text "{text}" does not fit on the {format} even in its smallest size; shorten it',
    },
    "poster_id_reserved": {
        "vi": 'mã "{id}" trùng tên tệp gộp posters/{id}.pdf; hãy đặt id khác',
        "en": 'id "{id}" is the name of the combined file posters/{id}.pdf; choose another id',
    },
    # --- qrdir verify -----------------------------------------------------------------------
    "verify_needs_extra": {
        "vi": "qrdir verify cần bộ giải mã QR; hãy cài: {command}",
        "en": "qrdir verify needs the QR decoder; install it with: {command}",
    },
    "verify_not_output": {
        "vi": '"{path}" không phải thư mục do qrdir build tạo ra (thiếu sites.json); hãy chạy qrdir build trước',
        "en": '"{path}" is not a folder made by qrdir build (no sites.json); run qrdir build first',
    },
    "verify_ok": {
        "vi": "đã kiểm tra {codes} mã QR trong {files} tệp: mọi mã đều dẫn tới một trang có trong {output}",
        "en": "checked {codes} QR codes in {files} files: every code leads to a page in {output}",
    },
    "verify_failure_at": {"vi": "{file}: {text}", "en": "{file}: {text}"},
    "verify_failure_at_page": {"vi": "{file}, trang {page}: {text}", "en": "{file}, page {page}: {text}"},
    "verify_unreadable": {
        "vi": "không mở được tệp {kind} này; hãy chạy lại qrdir build",
        "en": "this {kind} file cannot be opened; run qrdir build again",
    },
    "verify_code_count": {
        "vi": "đọc được {found} mã QR, cần đúng {expected}",
        "en": "{found} QR codes were read, exactly {expected} expected",
    },
    "verify_foreign_url": {
        "vi": "mã QR dẫn tới {url}, không nằm dưới base_url {base_url}",
        "en": "the QR code leads to {url}, which is not under the base_url {base_url}",
    },
    "verify_missing_page": {
        "vi": "mã QR dẫn tới {url} nhưng thư mục không có trang {page}",
        "en": "the QR code leads to {url}, but the folder has no page {page}",
    },
    "verify_wrong_site": {
        "vi": "mã QR dẫn tới {url}, nhưng tệp này thuộc về {expected}",
        "en": "the QR code leads to {url}, but this file belongs to {expected}",
    },
    # --- import and export (spreadsheets) ----------------------------------------------------
    "import_not_spreadsheet": {
        "vi": "đây không phải bảng tính .xlsx hay .csv đọc được; hãy mở bằng Excel rồi lưu dạng "
        "Excel Workbook (.xlsx)",
        "en": "this is not a readable .xlsx or .csv spreadsheet; open it in Excel and save it as "
        "an Excel Workbook (.xlsx)",
    },
    "import_old_xls": {
        "vi": "đây là tệp Excel 97-2003 (.xls) kiểu cũ; hãy mở bằng Excel hoặc LibreOffice rồi "
        "lưu dạng Excel Workbook (.xlsx)",
        "en": "this is an old Excel 97-2003 (.xls) file; open it in Excel or LibreOffice and save "
        "it as an Excel Workbook (.xlsx)",
    },
    "import_empty": {
        "vi": "bảng tính trống, không có ô nào có dữ liệu",
        "en": "the spreadsheet is empty: no cell holds anything",
    },
    "import_csv_encoding": {
        "vi": "không đọc được bảng mã của tệp CSV; hãy lưu lại dạng CSV UTF-8",
        "en": "cannot tell the text encoding of this CSV file; save it again as CSV UTF-8",
    },
    "import_no_sheet": {
        "vi": 'không có trang "{sheet}"; các trang trong tệp: {sheets}',
        "en": 'there is no sheet "{sheet}"; the sheets are: {sheets}',
    },
    "import_output_exists": {
        "vi": 'đã có "{path}"; qrdir import không ghi đè danh bạ: chọn tên khác với -o, '
        "hoặc thêm --force để ghi đè",
        "en": '"{path}" already exists; qrdir import does not overwrite a registry: choose '
        "another name with -o, or add --force to overwrite it",
    },
    "import_needs_directory": {
        "vi": "bảng tính không cho biết tên địa phương và địa chỉ web của danh bạ; hãy thêm "
        '{options}, ví dụ --name "Phường Long Hoa" --base-url https://longhoa.example.vn/',
        "en": "the spreadsheet does not give the locality's name and the directory's web address; "
        'add {options}, for example --name "Phường Long Hoa" --base-url https://longhoa.example.vn/',
    },
    "import_no_header": {
        "vi": 'không tìm thấy dòng tiêu đề cột; cần ít nhất hai cột như "Tên cơ quan", "Địa chỉ", '
        '"Họ tên", "Chức vụ", "SĐT"',
        "en": 'no header row found; at least two columns are needed, such as "Tên cơ quan", '
        '"Địa chỉ", "Họ tên", "Chức vụ", "SĐT"',
    },
    "import_required_missing": {
        "vi": "thiếu cột bắt buộc ({headers}) hoặc cột đó trống ở mọi dòng",
        "en": "a required column ({headers}) is missing, or empty on every row",
    },
    "import_column_ignored": {
        "vi": 'cột {column} "{header}" không thuộc danh bạ nên bị bỏ qua',
        "en": 'column {column} "{header}" is not part of the registry and is ignored',
    },
    "import_column_duplicate": {
        "vi": 'cột {column} "{header}" trùng nội dung với cột {first} nên bị bỏ qua',
        "en": 'column {column} "{header}" repeats column {first} and is ignored',
    },
    "import_column_unused": {
        "vi": 'cột {column} "{header}" cùng loại với cột {used} nhưng ghi khác; chỉ đọc cột {used} '
        "nên cột {column} bị bỏ qua: hãy chép sang cột {used} những gì cần giữ",
        "en": 'column {column} "{header}" is the same kind of column as {used} but holds other '
        "values; only column {used} is read, so column {column} is ignored: move what should be "
        "kept into column {used}",
    },
    "import_phone_columns_unclear": {
        "vi": 'không rõ cột {first} "{first_header}" hay cột {second} "{second_header}" là điện '
        "thoại của cơ quan, cột nào là của người liên hệ; hãy đổi tiêu đề cột của cơ quan thành "
        '"Điện thoại cơ quan"',
        "en": 'cannot tell which of columns {first} "{first_header}" and {second} '
        '"{second_header}" is the office\'s phone and which the contact\'s; rename the office\'s '
        'column "Điện thoại cơ quan"',
    },
    "import_row_skipped": {
        "vi": 'dòng {row} chỉ có "{text}" nên được coi là dòng tiêu đề hoặc ghi chú và bỏ qua',
        "en": 'row {row} holds only "{text}" and is skipped as a heading or note',
    },
    "import_contact_incomplete": {
        "vi": 'người liên hệ ở dòng này chưa có "{header}"; hãy điền vào ô này (mỗi người liên hệ '
        "cần chức vụ, họ tên và số điện thoại)",
        "en": 'the contact on this row has no "{header}"; fill in this cell (every contact needs '
        "a role, a name and a phone number)",
    },
    "import_no_site_above": {
        "vi": "dòng {row} không có tên cơ quan và không có cơ quan nào ở trên; hãy điền tên cơ quan",
        "en": "row {row} has no site name and there is no site above it; fill in the site's name",
    },
    "import_site_conflict": {
        "vi": '"{value}" khác với "{kept}" ở ô {first} của cùng cơ quan; giữ giá trị ở ô {first}',
        "en": '"{value}" differs from "{kept}" in cell {first} of the same site; '
        "the value in {first} is kept",
    },
    "import_phone_extra": {
        "vi": 'ô có nhiều số điện thoại; "{kept}" ghi cho người này, "{others}" ghi thêm thành '
        "người liên hệ cùng tên ngay dưới; hãy kiểm tra",
        "en": 'the cell holds several numbers; "{kept}" is written for this person and '
        '"{others}" as a further contact of the same name just below; check them',
    },
    "import_site_phone_extra": {
        "vi": 'ô có nhiều số điện thoại; "{kept}" là số của cơ quan, "{others}" chưa vào danh bạ '
        "(chỉ ghi chú bên cạnh): nếu người dân cần gọi số đó, hãy thêm thành người liên hệ",
        "en": 'the cell holds several numbers; "{kept}" is the office\'s phone and "{others}" '
        "is not in the registry (only noted beside it): if residents should call it, add it as "
        "a contact",
    },
    "import_kind_guessed": {
        "vi": 'loại của "{name}" được đoán từ tên là {kind}; hãy kiểm tra',
        "en": 'the kind of "{name}" was guessed from its name as {kind}; check it',
    },
    "import_kind_unknown": {
        "vi": 'không rõ loại của "{name}" nên ghi là other (Khác); hãy sửa kind trong danh bạ',
        "en": 'the kind of "{name}" is unknown, so it is written as other; fix its kind',
    },
    "import_zalo_other_number": {
        "vi": 'cột Zalo ghi số khác "{value}"; danh bạ chỉ ghi Zalo cho chính số điện thoại, '
        "nên bỏ qua",
        "en": 'the Zalo column holds another number "{value}"; the registry only marks Zalo on '
        "the phone number itself, so it is ignored",
    },
    "import_legacy_doubtful": {
        "vi": '"{value}" có thể là chữ mã {encoding} của "{reading}"; giữ nguyên, hãy kiểm tra',
        "en": '"{value}" may be {encoding} text for "{reading}"; left as typed, check it',
    },
    "import_converted": {
        "vi": "đã chuyển {count} ô từ mã {encoding} sang Unicode, hãy kiểm tra: {cells}",
        "en": "converted {count} cells from {encoding} to Unicode, check them: {cells}",
    },
    "import_written": {
        "vi": "đã ghi {sites} địa điểm, {contacts} người liên hệ vào {output}; "
        "hãy đọc lại rồi chạy qrdir check",
        "en": "wrote {sites} sites and {contacts} contacts to {output}; "
        "read it through, then run qrdir check",
    },
    "import_not_written": {
        "vi": "chưa ghi {output} vì còn lỗi; sửa bảng tính rồi chạy lại",
        "en": "{output} was not written because of the errors; fix the spreadsheet and run again",
    },
    "import_yaml_source": {
        "vi": "Danh bạ nhập từ {source} bằng qrdir import.",
        "en": "Registry imported from {source} by qrdir import.",
    },
    "import_yaml_check": {
        "vi": "Hãy đọc lại trước khi in: tên, loại (kind), số điện thoại, toạ độ, và các giá trị\n"
        "có ghi chú TCVN3/VNI (đã chuyển từ mã cũ) hoặc \"đoán\". Sau đó chạy: qrdir check",
        "en": "Read it through before printing: names, kinds, phone numbers, positions, and the\n"
        "values commented TCVN3/VNI (converted from an old encoding) or \"guessed\". "
        "Then run: qrdir check",
    },
    "import_yaml_kind_guessed": {
        "vi": "đoán từ tên: {label}; hãy kiểm tra", "en": "guessed from the name: {label}; check it",
    },
    "import_yaml_kind_unknown": {
        "vi": "không rõ loại; hãy sửa", "en": "kind unknown; fix it",
    },
    "import_yaml_phone_extra": {
        "vi": "ô {cell} còn có: {numbers}", "en": "cell {cell} also holds: {numbers}",
    },
    "export_written": {
        "vi": "đã ghi {sites} địa điểm ({rows} dòng) vào {output}",
        "en": "wrote {sites} sites ({rows} rows) to {output}",
    },
    "export_unchanged": {
        "vi": "{output} đã có đúng {sites} địa điểm ({rows} dòng) này nên được để nguyên",
        "en": "{output} already holds these {sites} sites ({rows} rows) and is left untouched",
    },
    "export_output_edited": {
        "vi": '"{path}" đã được sửa sau lần xuất trước; qrdir export không ghi đè để khỏi mất phần '
        "đã sửa. Muốn giữ phần sửa, hãy nhập nó vào danh bạ trước: qrdir import {file} -o "
        "{registry} --force; muốn bỏ phần sửa, thêm --force",
        "en": '"{path}" was edited since it was last exported; qrdir export does not overwrite it, '
        "so no edit is lost. To keep the edits, import it into the registry first: qrdir import "
        "{file} -o {registry} --force; to discard them, add --force",
    },
    "export_output_foreign": {
        "vi": '"{path}" không phải bảng tính qrdir export đã ghi (hoặc chương trình lưu nó đã bỏ '
        "dấu của qrdir), nên qrdir export không ghi đè. Chọn tên khác với -o; muốn giữ nội dung "
        "của nó, hãy nhập trước: qrdir import {file} -o {registry} --force; muốn ghi đè, thêm "
        "--force",
        "en": '"{path}" is not a workbook qrdir export wrote (or the program that saved it '
        "dropped qrdir's mark), so qrdir export does not overwrite it. Choose another name with "
        "-o; to keep what it holds, import it first: qrdir import {file} -o {registry} --force; "
        "to overwrite it, add --force",
    },
    # --- issue 14: phones that say what is wrong, YAML syntax, Vietnamese forms --------------
    "old_area_code": {
        "vi": '{key} "{value}" là số cố định viết với mã vùng cũ (mã vùng các tỉnh đã đổi năm '
        '2017); số mới là "{new}"',
        "en": '{key} "{value}" is a landline written with its old area code (every province\'s '
        'code changed in 2017); its new number is "{new}"',
    },
    "phone_too_short": {
        "vi": '{key} "{value}" thiếu chữ số: có {count} chữ số, mà số bắt đầu bằng {prefix} phải '
        "có {needed} (như {example}); hãy chép lại đủ số",
        "en": '{key} "{value}" is missing digits: it has {count}, but a number beginning {prefix} '
        "has {needed} (like {example}); copy the whole number again",
    },
    "phone_too_long": {
        "vi": '{key} "{value}" thừa chữ số: có {count} chữ số, mà số bắt đầu bằng {prefix} chỉ có '
        "{needed} (như {example}); hãy bỏ chữ số thừa",
        "en": '{key} "{value}" has too many digits: {count}, but a number beginning {prefix} has '
        "only {needed} (like {example}); remove the extra digits",
    },
    "phone_two_numbers": {
        "vi": '{key} "{value}" có hai số; mỗi {key} chỉ ghi một số: giữ "{first}" ở đây, còn '
        '"{second}" ghi thành một người liên hệ nữa trong contacts (hoặc một mục riêng)',
        "en": '{key} "{value}" holds two numbers; each {key} takes one: keep "{first}" here and '
        'put "{second}" in contacts as one more contact (or a second entry)',
    },
    "phone_extension": {
        "vi": '{key} "{value}" có kèm số máy lẻ {extension}; {key} chỉ ghi số "{number}", còn máy '
        'lẻ ghi vào note của địa điểm (ví dụ "Máy lẻ {extension}")',
        "en": '{key} "{value}" carries the extension {extension}; write only the number '
        '"{number}" in {key} and put the extension in the site\'s note (e.g. "Extension '
        '{extension}")',
    },
    "phone_with_words": {
        "vi": '{key} "{value}" có chữ ngoài số điện thoại; {key} chỉ ghi số "{number}", lời dặn '
        "ghi vào note",
        "en": '{key} "{value}" has words besides the number; write only "{number}" in {key} and '
        "put the words in note",
    },
    "yaml_tabs": {
        "vi": "dòng {lines} thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách: hãy thay mỗi Tab "
        "ở đầu dòng bằng dấu cách (trình soạn thảo thường có lệnh đổi Tab thành dấu cách)",
        "en": "lines {lines} are indented with Tab; YAML accepts only spaces: replace each Tab at "
        "the start of a line with spaces (editors usually have a command that converts tabs)",
    },
    "yaml_tabs_more": {
        "vi": "dòng {lines} và {more} dòng nữa ({count} dòng) thụt lề bằng phím Tab; YAML chỉ chấp "
        "nhận dấu cách: hãy thay mỗi Tab ở đầu dòng bằng dấu cách (trình soạn thảo thường có "
        "lệnh đổi Tab thành dấu cách)",
        "en": "lines {lines} and {more} more ({count} lines) are indented with Tab; YAML accepts "
        "only spaces: replace each Tab at the start of a line with spaces (editors usually have a "
        "command that converts tabs)",
    },
    "yaml_unclosed_quote": {
        "vi": "dấu ngoặc {quote} mở ở đây nhưng không đóng trên dòng này; hãy thêm {quote} ở cuối "
        "giá trị",
        "en": "the quote {quote} opened here is not closed on this line; add {quote} at the end "
        "of the value",
    },
    "yaml_reserved_start": {
        "vi": "giá trị không được bắt đầu bằng ký tự {character}; hãy đặt cả giá trị trong dấu "
        'ngoặc kép, ví dụ "{character}…"',
        "en": "a value cannot begin with the character {character}; put the whole value in "
        'double quotes, e.g. "{character}…"',
    },
    "yaml_colon_space": {
        "vi": 'thiếu dấu cách sau "{key}:"; hãy viết "{key}: " rồi mới đến giá trị',
        "en": 'a space is missing after "{key}:"; write "{key}: " before the value',
    },
    "yaml_missing_colon": {
        "vi": 'dòng "{text}" thiếu dấu hai chấm; mỗi dòng viết dạng khoá: giá trị '
        "(ví dụ name: Trạm Y tế)",
        "en": 'the line "{text}" has no colon; every line is written key: value '
        "(e.g. name: Trạm Y tế)",
    },
    "yaml_colon_in_value": {
        "vi": 'giá trị của {key} có dấu ": " nên YAML không đọc được; hãy đặt cả giá trị trong '
        "dấu ngoặc kép: {key}: {quoted}",
        "en": 'the value of {key} holds ": ", which YAML cannot read; put the whole value in '
        "double quotes: {key}: {quoted}",
    },
    "yaml_indentation": {
        "vi": "dòng này thụt lề {spaces} dấu cách, dòng trên nó {above}; các khoá của cùng một "
        "mục phải thẳng cột với nhau, hãy sửa số dấu cách cho khớp",
        "en": "this line is indented {spaces} spaces and the line above it {above}; the keys of "
        "one entry must line up in one column, make the spaces match",
    },
    "yaml_list_item_level": {
        "vi": 'mục danh sách "-" này không thẳng cột với danh sách của nó; hãy đặt dấu "-" thẳng '
        'dưới dấu "-" của mục phía trên',
        "en": 'this list item "-" does not line up with its list; put its "-" exactly below the '
        '"-" of the item above',
    },
    "yaml_unclosed_bracket": {
        "vi": 'dấu "{opening}" mở ở đây nhưng không có "{closing}" đóng lại; hãy thêm "{closing}" '
        "ở cuối dòng",
        "en": 'the "{opening}" opened here has no "{closing}" to close it; add "{closing}" at the '
        "end of the line",
    },
    "yaml_syntax_plain": {
        "vi": "YAML không đọc được dòng này; kiểm tra thụt lề (chỉ dùng dấu cách), dấu cách sau "
        'mỗi dấu ":" và các dấu ngoặc kép',
        "en": "YAML cannot read this line; check the indentation (spaces only), the space after "
        'each ":" and the quotes',
    },
    "hours_bad_line": {
        "vi": 'giờ mở cửa {key}: "{value}" không đọc được; viết mỗi nhóm ngày một đoạn, cách '
        'nhau bằng dấu chấm phẩy, ví dụ "Thứ 2 - Thứ 6: 7h-11h30, 13h30-17h; Thứ 7: 7h-11h"',
        "en": 'opening hours {key}: "{value}" cannot be read; write each group of days as '
        '"days: times", separated by semicolons, e.g. "Thứ 2 - Thứ 6: 7h-11h30, 13h30-17h; '
        'Thứ 7: 7h-11h"',
    },
    # --- the command line itself: help, usage errors, next steps (cli.md "Language") ---------
    "usage_prefix": {"vi": "Cách dùng:", "en": "Usage:"},
    "usage_options": {"vi": "[TUỲ-CHỌN]", "en": "[OPTIONS]"},
    "usage_command": {"vi": "LỆNH [ĐỐI-SỐ]...", "en": "COMMAND [ARGS]..."},
    "help_heading_options": {"vi": "Tuỳ chọn", "en": "Options"},
    "help_heading_commands": {"vi": "Lệnh", "en": "Commands"},
    "help_help_option": {"vi": "Hiện hướng dẫn này rồi thoát.",
                         "en": "Show this message and exit."},
    "help_version_option": {"vi": "Hiện phiên bản rồi thoát.", "en": "Show the version and exit."},
    "usage_error": {"vi": "Lỗi: {text}", "en": "Error: {text}"},
    "usage_see_help": {"vi": "Xem cách dùng: {command}", "en": "For usage, see: {command}"},
    "usage_no_command": {
        "vi": 'không có lệnh "{name}"; các lệnh có trong qrdir --help',
        "en": 'no such command "{name}"; the commands are listed by qrdir --help',
    },
    "usage_no_command_suggest": {
        "vi": 'không có lệnh "{name}" (có phải ý bạn là "{suggestion}"?)',
        "en": 'no such command "{name}" (did you mean "{suggestion}"?)',
    },
    "usage_no_option": {
        "vi": 'không có tuỳ chọn "{name}"', "en": 'no such option "{name}"',
    },
    "usage_no_option_suggest": {
        "vi": 'không có tuỳ chọn "{name}" (có phải ý bạn là "{suggestion}"?)',
        "en": 'no such option "{name}" (did you mean "{suggestion}"?)',
    },
    "usage_option_needs_value": {
        "vi": 'tuỳ chọn "{name}" cần một giá trị ngay sau nó',
        "en": 'option "{name}" needs a value right after it',
    },
    "usage_option_takes_no_value": {
        "vi": 'tuỳ chọn "{name}" không nhận giá trị; hãy bỏ phần "=…"',
        "en": 'option "{name}" takes no value; remove the "=…"',
    },
    "usage_extra_argument": {
        "vi": 'thừa đối số "{args}"; lệnh này nhận nhiều nhất một danh bạ (tên có dấu cách thì '
        "đặt trong dấu ngoặc kép)",
        "en": 'unexpected extra argument "{args}"; this command takes at most one registry (put a '
        "name with spaces in quotes)",
    },
    "usage_missing": {"vi": "thiếu {name}", "en": "missing {name}"},
    "usage_bad_value": {"vi": "{name}: {text}", "en": "{name}: {text}"},
    "usage_missing_choice": {
        "vi": "thiếu đối số; chọn một trong: {choices}",
        "en": "an argument is missing; choose one of: {choices}",
    },
    "usage_bad_choice": {
        "vi": '"{value}" không hợp lệ; chọn một trong: {choices}',
        "en": '"{value}" is not valid; choose one of: {choices}',
    },
    "usage_bad_number": {
        "vi": '"{value}" không hợp lệ; cần một số nguyên từ {min} đến {max}',
        "en": '"{value}" is not valid; a whole number from {min} to {max} is needed',
    },
    "meta_registry": {"vi": "[DANH-BẠ]", "en": "[REGISTRY]"},
    "meta_dir": {"vi": "[THƯ-MỤC]", "en": "[DIR]"},
    "meta_spreadsheet": {"vi": "BẢNG-TÍNH", "en": "FILE"},
    "meta_folder": {"vi": "THƯ-MỤC", "en": "FOLDER"},
    "meta_file": {"vi": "TỆP", "en": "FILE"},
    "meta_formats": {"vi": "KHỔ", "en": "FORMATS"},
    "meta_number": {"vi": "SỐ", "en": "N"},
    "meta_host": {"vi": "ĐỊA-CHỈ", "en": "HOST"},
    "meta_port": {"vi": "CỔNG", "en": "PORT"},
    "meta_sheet": {"vi": "TRANG", "en": "SHEET"},
    "meta_name": {"vi": "TÊN", "en": "NAME"},
    "meta_target": {"vi": "NƠI-ĐĂNG", "en": "TARGET"},
    "meta_url": {"vi": "URL", "en": "URL"},
    "help_main": {
        "vi": "qrdir: danh bạ các cơ quan công cộng của phường/xã thành trang web, mã QR và áp "
        "phích để in.\n\n"
        "\b\nBắt đầu bằng qrdir init, ví dụ:\n  qrdir init phuong-an-binh\n  cd phuong-an-binh\n"
        "rồi làm theo HUONG-DAN.html trong thư mục đó.\n\n"
        "Mỗi lệnh nhận danh bạ (mặc định sites.yaml) làm đối số và thư mục kết quả bằng -o "
        "(mặc định output/). Thêm --lang en (hoặc đặt QRDIR_LANG=en) để dùng tiếng Anh.",
        "en": "qrdir: a ward's public offices as web pages, QR codes and posters to print.\n\n"
        "\b\nStart with qrdir init, for example:\n  qrdir init phuong-an-binh\n  cd phuong-an-binh\n"
        "then follow HUONG-DAN.html in that folder.\n\n"
        "Every command takes the registry (default sites.yaml) as its argument and the output "
        "folder as -o (default output/). Messages are Vietnamese unless --lang en (or "
        "QRDIR_LANG=en).",
    },
    "help_init": {
        "vi": "Tạo danh bạ mới trong THƯ-MỤC: tệp sites.yaml mẫu có chú thích, và hướng dẫn "
        "HUONG-DAN.html.\n\nKhông bao giờ ghi đè một sites.yaml đã có.",
        "en": "Start a new directory in DIR: a commented sample sites.yaml, and the guide "
        "HUONG-DAN.html.\n\nAn existing sites.yaml is never overwritten.",
    },
    "help_check": {
        "vi": "Kiểm tra danh bạ (hoặc mọi danh bạ phường/xã trong một thư mục) và báo mọi lỗi, "
        "cảnh báo.\n\nCác mã mà thư mục kết quả đã đăng cũng được tính là đã công bố, như mã "
        "trong sổ mã.",
        "en": "Check the registry (or every ward registry in a folder) and print every error and "
        "warning.\n\nThe ids the built output serves count as published, like those in the "
        "ledger.",
    },
    "help_build": {
        "vi": "Kiểm tra danh bạ (hoặc một thư mục các danh bạ phường/xã), rồi tạo trang web, mã QR "
        "và áp phích trong thư mục kết quả.\n\nKhi danh bạ có lỗi, thư mục kết quả được giữ "
        "nguyên như trước.",
        "en": "Check the registry (or a folder of ward registries), then build the web pages, QR "
        "codes and posters into the output folder.\n\nWhen the registry has errors, the output "
        "folder is kept as it was.",
    },
    "help_serve": {
        "vi": "Xem thử trang web trên máy này, tạo lại khi danh bạ thay đổi và tự tải lại trang "
        "đang mở.\n\nĐể xem trên điện thoại cùng mạng Wi-Fi: --host 0.0.0.0, rồi mở địa chỉ "
        "được in ra.",
        "en": "Preview the site on this computer, rebuilding when the registry changes and "
        "reloading the open page.\n\nTo look on a phone on the same Wi-Fi: --host 0.0.0.0, then "
        "open the address printed.",
    },
    "help_verify": {
        "vi": "Giải mã mọi mã QR trong áp phích và ảnh của thư mục kết quả; kiểm tra mỗi mã dẫn "
        "tới một trang có trong đó.",
        "en": "Decode every QR code in the output's posters and images; check each leads to a "
        "page in it.",
    },
    "help_printed": {
        "vi": "Ghi vào sổ mã (qrdir.lock) rằng các áp phích trong tệp cần in (posters/print-*.pdf) "
        "đã được in; lần build sau chỉ gom áp phích mới hoặc có chữ in đã đổi.",
        "en": "Record in the ledger (qrdir.lock) that the posters waiting in the print files "
        "(posters/print-*.pdf) were printed; the next build gathers only new or changed ones.",
    },
    "help_deploy": {
        "vi": "Chép thư mục kết quả đã build lên nơi người dân đọc: chỉ những gì đã đổi, trang "
        "web sau cùng.\n\nBị từ chối, không đổi gì, khi việc đó làm mất một mã QR đã in mà nơi "
        "đăng đang phục vụ.",
        "en": "Copy the built output to where residents read it: only what changed, pages last."
        "\n\nRefused, with nothing changed, when it would remove a printed code the target "
        "serves.",
    },
    "help_opt_to": {
        "vi": "Nơi đăng: s3://BUCKET[/TIỀN-TỐ], git:REMOTE#NHÁNH, sftp://NGƯỜI-DÙNG@MÁY[:CỔNG]/"
        "ĐƯỜNG-DẪN hoặc file:///ĐƯỜNG-DẪN (mặc định: directory.deploy trong danh bạ).",
        "en": "Where to publish: s3://BUCKET[/PREFIX], git:REMOTE#BRANCH, "
        "sftp://USER@HOST[:PORT]/PATH or file:///PATH (default: the registry's directory.deploy).",
    },
    "help_opt_dry_run": {
        "vi": "Liệt kê những tệp sẽ tải lên, thay đổi và xoá; không đổi gì.",
        "en": "List what would be uploaded, changed and deleted; change nothing.",
    },
    "help_opt_deploy_force": {
        "vi": "Xoá tệp cả khi vượt giới hạn xoá.",
        "en": "Delete files even beyond the cap.",
    },
    "help_opt_max_deletes": {
        "vi": "Từ chối khi phải xoá nhiều tệp hơn số này (mặc định: một phần tư số tệp ở nơi "
        "đăng).",
        "en": "Refuse a deploy deleting more files than this (default: a quarter of the target's "
        "files).",
    },
    "help_opt_endpoint_url": {
        "vi": "Địa chỉ API S3, cho kho lưu trữ không phải AWS.",
        "en": "The S3 API's address, for object storage that is not AWS.",
    },
    "help_opt_changed_urls": {
        "vi": "Ghi các địa chỉ đã đổi vào TỆP, mỗi dòng một địa chỉ, để xoá bộ nhớ đệm CDN.",
        "en": "Write the addresses that changed to FILE, one a line, for a CDN purge.",
    },
    "help_host_config": {
        "vi": "In cấu hình máy chủ web (nginx, apache hoặc caddy) cho thư mục kết quả của danh "
        "bạ.\n\nDùng đúng như in ra (publish.md); in lại sau lần build bỏ một mã hay đổi "
        "base_url. Cấu hình Apache còn được mỗi lần build ghi vào thư mục kết quả (.htaccess).",
        "en": "Print the web server's configuration (nginx, apache or caddy) for the registry's "
        "built output.\n\nApply it as printed (publish.md); print it again after a build that "
        "retires an id or changes base_url. Apache's is also written into the output as "
        ".htaccess by every build.",
    },
    "help_import": {
        "vi": "Chuyển bảng tính (.xlsx hoặc .csv) thành danh bạ, sửa chữ mã TCVN3/VNI cũ.",
        "en": "Turn a spreadsheet (.xlsx or .csv) into a registry, repairing TCVN3/VNI text.",
    },
    "help_export": {
        "vi": "Ghi danh bạ thành bảng tính mà qrdir import đọc lại được đúng như cũ.",
        "en": "Write the registry as a spreadsheet that qrdir import reads back to the same "
        "registry.",
    },
    "help_opt_lang": {
        "vi": "Ngôn ngữ: vi (mặc định) hoặc en; cũng đặt được bằng QRDIR_LANG.",
        "en": "Language: vi (the default) or en; QRDIR_LANG sets it too.",
    },
    "help_opt_output": {
        "vi": "Thư mục kết quả (mặc định: output/).", "en": "The output folder (default: output/).",
    },
    "help_opt_lock": {
        "vi": "Sổ mã đã công bố (mặc định: qrdir.lock cạnh danh bạ).",
        "en": "The issued-codes ledger (default: qrdir.lock next to the registry).",
    },
    "help_opt_templates": {
        "vi": "Thư mục mẫu trang thay cho mẫu có sẵn, từng tệp một.",
        "en": "Folder of templates overriding the built-in ones, file by file.",
    },
    "help_opt_posters": {
        "vi": "Các khổ áp phích, cách nhau bằng dấu phẩy: {formats} (mặc định: directory.posters "
        "trong danh bạ, nếu không có thì a4).",
        "en": "Poster formats, comma-separated: {formats} (default: the registry's "
        "directory.posters, else a4).",
    },
    "help_opt_cache": {
        "vi": "Thư mục bộ nhớ đệm (mặc định: .qrdir-cache cạnh danh bạ, hoặc trong thư mục).",
        "en": "Cache folder (default: .qrdir-cache beside the registry, or in the folder).",
    },
    "help_opt_no_cache": {
        "vi": "Tạo lại tất cả từ đầu, không dùng bộ nhớ đệm.",
        "en": "Build everything from scratch, cache nothing.",
    },
    "help_opt_jobs": {
        "vi": "Số phường/xã tạo song song (mặc định: số nhân của máy).",
        "en": "Wards built in parallel (default: the number of cores).",
    },
    "help_opt_host": {
        "vi": "Địa chỉ lắng nghe (mặc định 127.0.0.1, chỉ máy này); 0.0.0.0 để điện thoại cùng "
        "mạng Wi-Fi xem được.",
        "en": "Address to listen on (default 127.0.0.1, this computer only); 0.0.0.0 lets a phone "
        "on the same Wi-Fi look.",
    },
    "help_opt_port": {"vi": "Cổng (mặc định 8000).", "en": "Port (default 8000)."},
    "help_opt_import_output": {
        "vi": "Danh bạ sẽ ghi (mặc định: sites.yaml); không bao giờ ghi đè nếu không có --force.",
        "en": "Registry to write (default: sites.yaml); never overwritten without --force.",
    },
    "help_opt_sheet": {
        "vi": "Trang cần đọc (mặc định: trang đầu tiên có dòng tiêu đề).",
        "en": "Sheet to read (default: the first with a header).",
    },
    "help_opt_base_url": {
        "vi": "directory.base_url, nếu bảng tính không ghi.",
        "en": "directory.base_url, unless the spreadsheet gives it.",
    },
    "help_opt_name": {
        "vi": "directory.name (tên địa phương), nếu bảng tính không ghi.",
        "en": "directory.name (the locality), unless the spreadsheet gives it.",
    },
    "help_opt_import_force": {
        "vi": "Ghi đè tệp kết quả nếu đã có.", "en": "Overwrite the registry if it exists.",
    },
    "help_opt_export_output": {
        "vi": "Bảng tính sẽ ghi (mặc định: sites.xlsx); bảng tính đã sửa không bị ghi đè nếu "
        "không có --force.",
        "en": "Spreadsheet to write (default: sites.xlsx); an edited one is never overwritten "
        "without --force.",
    },
    "help_opt_export_force": {
        "vi": "Ghi đè bảng tính kể cả khi nó đã được sửa sau lần xuất trước, hoặc không phải do "
        "qrdir export ghi.",
        "en": "Overwrite the spreadsheet even if it was edited since the last export, or is not "
        "one.",
    },
    "check_ok": {
        "vi": "{registry}: không có lỗi trong {sites} địa điểm; cảnh báo: {warnings}",
        "en": "{registry}: no errors; sites: {sites}, warnings: {warnings}",
    },
    "check_ok_province": {
        "vi": "{registry}: không có lỗi trong {wards} phường/xã, {sites} địa điểm; "
        "cảnh báo: {warnings}",
        "en": "{registry}: no errors; wards: {wards}, sites: {sites}, warnings: {warnings}",
    },
    "build_failed_output_kept": {
        "vi": "chưa tạo lại được: thư mục {output} vẫn giữ nguyên bản trước, không đổi gì",
        "en": "nothing was rebuilt: the output folder {output} is kept as it was, unchanged",
    },
    "build_failed_nothing_written": {
        "vi": "chưa tạo được: chưa ghi gì vào {output}",
        "en": "nothing was built: nothing was written to {output}",
    },
    "init_next_steps": {
        "vi": "Các bước tiếp theo, chép từng lệnh vào cửa sổ dòng lệnh:",
        "en": "Next steps, one command at a time in the terminal:",
    },
    "init_next_edit": {
        "vi": "# sửa sites.yaml cho đúng địa phương, rồi:",
        "en": "# edit sites.yaml for your ward, then:",
    },
    "init_next_guide": {
        "vi": "Hướng dẫn đầy đủ: mở {guide} trong trình duyệt.",
        "en": "The full guide: open {guide} in a web browser.",
    },
    "serve_phone": {
        "vi": "trên điện thoại cùng mạng Wi-Fi, mở: {urls}",
        "en": "on a phone on the same Wi-Fi, open: {urls}",
    },
    "serve_phone_unknown": {
        "vi": "không tìm được địa chỉ của máy này trong mạng Wi-Fi; trên điện thoại, mở "
        "http://ĐỊA-CHỈ-IP-CỦA-MÁY:{port}/",
        "en": "this computer's address on the Wi-Fi was not found; on a phone, open "
        "http://THIS-COMPUTER'S-IP:{port}/",
    },
    "serve_needs_file": {
        "vi": '"{path}" là một thư mục; qrdir serve xem thử một danh bạ, ví dụ qrdir serve '
        "{path}/sites.yaml",
        "en": '"{path}" is a folder; qrdir serve previews one registry, for example qrdir serve '
        "{path}/sites.yaml",
    },
    "verify_output_as_registry": {
        "vi": '"{path}" là thư mục kết quả, không phải danh bạ; hãy viết qrdir verify -o {path}',
        "en": '"{path}" is an output folder, not a registry; write qrdir verify -o {path}',
    },
    # --- issue 14, what to print (output.md 1.1) ---------------------------------------------
    "poster_id_reserved_file": {
        "vi": 'mã "{id}" trùng tên tệp {file} mà qrdir tự tạo; hãy đặt id khác',
        "en": 'id "{id}" is the name of the file {file} qrdir makes itself; choose another id',
    },
    "printed_done": {
        "vi": "đã ghi vào qrdir.lock: {file} đã được in ({count} áp phích); đã xoá tệp này khỏi "
        "thư mục output",
        "en": "recorded in qrdir.lock: {file} was printed ({count} posters); the file is removed "
        "from the output folder",
    },
    "printed_done_one": {
        "vi": "đã ghi vào qrdir.lock: {file} đã được in (1 áp phích); đã xoá tệp này khỏi "
        "thư mục output",
        "en": "recorded in qrdir.lock: {file} was printed (1 poster); the file is removed "
        "from the output folder",
    },
    "printed_nothing": {
        "vi": "không có áp phích nào chờ in trong {output}; chạy qrdir build để gom các áp phích "
        "mới hoặc đã đổi vào posters/print-a4.pdf",
        "en": "no poster waits to be printed in {output}; run qrdir build to gather new or "
        "changed posters into posters/print-a4.pdf",
    },
    "printed_nothing_built": {
        "vi": "chưa tạo lần nào từ {registry}: chạy qrdir build, in các tệp posters/print-…pdf, "
        "rồi mới chạy qrdir printed",
        "en": "nothing was built from {registry} yet: run qrdir build, print the "
        "posters/print-…pdf files, then run qrdir printed",
    },
    "printed_registry_changed": {
        "vi": "chữ in trên áp phích trong {registry} đã đổi sau lần tạo gần nhất, nên tệp in "
        "không còn đúng: chạy qrdir build, in lại các tệp posters/print-…pdf, rồi chạy "
        "qrdir printed",
        "en": "the printed text in {registry} changed since the last build, so the print files "
        "are out of date: run qrdir build, print the posters/print-…pdf files again, then run "
        "qrdir printed",
    },
    "report_field_change": {"vi": "{id}: {field}: {old} → {new}", "en": "{id}: {field}: {old} → {new}"},
    "report_directory_field_change": {
        "vi": "danh bạ: {field}: {old} → {new}", "en": "directory: {field}: {old} → {new}",
    },
    "report_field_of_contact": {"vi": "{field} của {role}", "en": "{field} of {role}"},
    "report_field_name": {"vi": "Tên", "en": "Name"},
    "report_field_phone": {"vi": "Số điện thoại", "en": "Phone"},
    "report_field_kind": {"vi": "Loại", "en": "Kind"},
    "report_field_address": {"vi": "Địa chỉ", "en": "Address"},
    "report_field_formerly": {"vi": "Tên cũ", "en": "Former name"},
    "report_field_hours": {"vi": "Giờ làm việc", "en": "Opening hours"},
    "report_field_note": {"vi": "Ghi chú", "en": "Note"},
    "report_field_services": {"vi": "Các việc giải quyết", "en": "Services"},
    "report_field_email": {"vi": "Thư điện tử", "en": "Email"},
    "report_field_location": {"vi": "Vị trí", "en": "Location"},
    "report_field_map_url": {"vi": "Đường dẫn bản đồ", "en": "Map link"},
    "report_field_zalo": {"vi": "Zalo", "en": "Zalo"},
    "report_field_verified": {"vi": "Ngày xác minh", "en": "Verified on"},
    "report_field_role": {"vi": "Chức vụ", "en": "Role"},
    "report_field_contacts": {"vi": "Người liên hệ", "en": "Contacts"},
    "report_field_hotlines": {"vi": "Đường dây nóng", "en": "Hotlines"},
    "report_field_publisher": {"vi": "Đơn vị thực hiện", "en": "Publisher"},
    "report_field_base_url": {"vi": "Địa chỉ trang web", "en": "Web address"},
    "report_field_region": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "report_field_language": {"vi": "Ngôn ngữ", "en": "Language"},
    "report_new_posters": {
        "vi": "áp phích mới cần in: {files}", "en": "new posters to print: {files}",
    },
    "report_changed_posters": {
        "vi": "áp phích có chữ in đã đổi, cần in lại: {files}",
        "en": "posters whose printed text changed, to print again: {files}",
    },
    "report_bundle": {"vi": "{file} ({count} áp phích)", "en": "{file} ({count} posters)"},
    "report_bundle_one": {"vi": "{file} (1 áp phích)", "en": "{file} (1 poster)"},
    "report_bundles": {
        "vi": "tệp cần in: {bundles}; in xong, chạy: qrdir printed",
        "en": "to print: {bundles}; once printed, run: qrdir printed",
    },
    "report_nothing_to_print": {
        "vi": "không có áp phích nào cần in", "en": "no poster to print",
    },
    "printed_folder": {
        "vi": "qrdir printed ghi nhận cho từng phường: chạy nó với sites.yaml của phường đó và "
        "thư mục output của phường (-o)",
        "en": "qrdir printed records one ward at a time: run it with that ward's sites.yaml and "
        "its output folder (-o)",
    },
    # --- written the way Vietnamese staff write (registry.md 1.1) ---------------------------
    "hours_missing_colon": {
        "vi": 'giờ mở cửa "{group}" thiếu dấu ":" sau "{days}"; giờ thì đúng, hãy viết: '
        '"{fixed}"',
        "en": 'the opening hours "{group}" lack the colon after "{days}"; the times are fine, '
        'write: "{fixed}"',
    },
    # --- qrdir deploy sftp:// (publish.md) ---------------------------------------------------
    "deploy_sftp_not_installed": {
        "vi": 'để đăng lên sftp:// cần cài thêm paramiko: pip install "qrdir[sftp]"',
        "en": 'deploying to sftp:// needs paramiko: pip install "qrdir[sftp]"',
    },
    "deploy_sftp_unknown_host": {
        "vi": "chưa biết khoá của máy chủ {host} nên không kết nối (có thể là máy giả mạo): hãy hỏi người quản trị máy chủ dấu vân tay khoá của nó, so với ssh-keyscan -p {port} {name} | ssh-keygen -lf -, rồi thêm dòng đó vào {known_hosts} (hoặc đăng nhập một lần bằng ssh -p {port} {user}@{name} và chấp nhận khoá)",
        "en": "the host key of {host} is not known, so qrdir did not connect (it could be an impostor): ask the server's administrator for its key fingerprint, compare it with ssh-keyscan -p {port} {name} | ssh-keygen -lf -, then add that line to {known_hosts} (or log in once with ssh -p {port} {user}@{name} and accept the key)",
    },
    "deploy_sftp_host_key_changed": {
        "vi": "khoá của máy chủ {host} KHÁC với khoá đã ghi trong {known_hosts}; không kết nối. Có thể máy chủ vừa được cài lại, cũng có thể có kẻ chặn giữa đường: hãy hỏi người quản trị máy chủ trước khi sửa dòng của {host} trong {known_hosts}",
        "en": "the host key of {host} DIFFERS from the one in {known_hosts}; qrdir did not connect. The server may have been reinstalled, or someone may be in between: ask the server's administrator before you change {host}'s line in {known_hosts}",
    },
    "deploy_sftp_denied": {
        "vi": "máy chủ {host} không nhận khoá SSH của người dùng {user}: hãy kiểm tra khoá trong {variable} (hoặc ~/.ssh, hoặc ssh-agent), mật khẩu của khoá nếu có (QRDIR_SSH_KEY_PASSPHRASE), và khoá công khai đã có trong authorized_keys của {user} trên máy chủ",
        "en": "{host} did not accept an SSH key for user {user}: check the key in {variable} (or ~/.ssh, or ssh-agent), its passphrase if it has one (QRDIR_SSH_KEY_PASSPHRASE), and that its public key is in {user}'s authorized_keys on the server",
    },
    "deploy_sftp_no_key": {
        "vi": "không có tệp khoá SSH mà {variable} chỉ tới; hãy kiểm tra đường dẫn đó",
        "en": "the SSH key file {variable} names does not exist; check that path",
    },
    "deploy_sftp_no_folder": {
        "vi": 'trên {host} không có thư mục chứa "{folder}"; hãy kiểm tra đường dẫn sau tên máy trong sftp://',
        "en": 'there is no folder holding "{folder}" on {host}; check the path after the host in sftp://',
    },
    "deploy_sftp_refused": {
        "vi": 'máy chủ {host} không cho người dùng {user} ghi vào "{folder}": hãy kiểm tra quyền ghi của {user} vào thư mục đó; những tệp đã tải lên vẫn nguyên vẹn',
        "en": '{host} did not let user {user} write to "{folder}": check that {user} may write there; the files already uploaded are whole',
    },
    "deploy_sftp_unreachable": {
        "vi": "không kết nối được tới {host}, kể cả khi đã thử lại: hãy kiểm tra tên máy, cổng và mạng, rồi đăng lại; những tệp đã tải lên vẫn nguyên vẹn",
        "en": "cannot reach {host}, even after retrying: check the host name, the port and the network, then deploy again; the files already uploaded are whole",
    },
    # --- --format github (cli.md) -----------------------------------------------------------
    "help_opt_format": {
        "vi": "github: in thêm mỗi lỗi thành chú thích của GitHub Actions, hiện ngay trên dòng đó.",
        "en": "github: also print each problem as a GitHub Actions annotation, shown on its line.",
    },
    # --- qrdir init --ci (publish.md "Building and deploying on every change") ------------------
    "help_opt_ci": {
        "vi": "Thêm quy trình tự động kiểm tra, tạo và đăng trang mỗi lần đẩy thay đổi lên GitHub hoặc GitLab.",
        "en": "Add a workflow that checks, builds and deploys on every push to GitHub or GitLab.",
    },
    "init_ci_done": {
        "vi": "đã ghi {workflow}: mỗi lần đẩy lên, danh bạ được kiểm tra và tạo trang; trên nhánh chính, qrdir.lock được lưu lại và trang được đăng (mặc định lên {pages})",
        "en": "wrote {workflow}: every push checks and builds the registry; on the default branch qrdir.lock is kept in git and the site deployed (by default to {pages})",
    },
    "init_ci_exists": {
        "vi": 'đã có "{path}"; không ghi đè. Hãy xoá hoặc đổi tên tệp đó nếu muốn qrdir ghi lại',
        "en": '"{path}" already exists and was not overwritten; remove or rename it to have qrdir write it again',
    },
    # --- a workbook kept as the registry (import.md "A workbook as the registry") ----------
    "workbook_unreadable": {
        "vi": "không đọc được bảng tính này; hãy mở bằng Excel hoặc LibreOffice rồi lưu lại dạng "
        "Excel Workbook (.xlsx)",
        "en": "this workbook cannot be read; open it in Excel or LibreOffice and save it again "
        "as an Excel Workbook (.xlsx)",
    },
    "workbook_not_registry": {
        "vi": 'bảng tính này không theo mẫu qrdir export ghi (cần trang "{contacts}" và trang '
        '"{directory}"); hãy chuyển nó thành danh bạ bằng qrdir import',
        "en": 'this workbook is not in the layout qrdir export writes (it needs the sheets '
        '"{contacts}" and "{directory}"); turn it into a registry with qrdir import',
    },
    "workbook_column_ignored": {
        "vi": 'cột "{header}" không thuộc danh bạ nên không được đăng; nếu đó là một cột của '
        'danh bạ, hãy sửa tiêu đề giống bản qrdir export ghi',
        "en": 'the column "{header}" is not part of the registry and is not published; if it '
        'is one of its columns, spell the header as qrdir export writes it',
    },
    "workbook_column_twice": {
        "vi": 'cột "{header}" ghi cùng thông tin với cột {first}; hãy giữ một cột',
        "en": 'the column "{header}" holds the same field as column {first}; keep only one',
    },
    "workbook_column_missing": {
        "vi": 'trang danh bạ thiếu cột "{header}"; hãy thêm cột đó vào hàng tiêu đề',
        "en": 'the sheet has no "{header}" column; add it to the header row',
    },
    "ward_registry_twice": {
        "vi": '"{first}" và "{second}" cùng là danh bạ của phường "{stem}"; hãy giữ một tệp',
        "en": '"{first}" and "{second}" are both the registry of the ward "{stem}"; keep one',
    },
    # issue 15: import --force keeps a person's comments where the site still exists.
    "import_comments_dropped": {
        "vi": "{count} ghi chú (#) trong {output} thuộc địa điểm không còn trong bảng tính nên "
        "đã bỏ: {ids}",
        "en": "{count} comments (#) in {output} belonged to sites no longer in the spreadsheet "
        "and were dropped: {ids}",
    },
}

SEVERITY_WORDS = {"error": "error", "warning": "warning"}  # the prefix is the same in both languages


def resolve_language(requested: str | None = None) -> str:
    """The message language: ``--lang``, else ``QRDIR_LANG``, else Vietnamese."""
    for candidate in (requested, os.environ.get("QRDIR_LANG")):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return "vi"


def message(code: str, lang: str, **args: object) -> str:
    """The sentence for ``code`` in ``lang`` with ``args`` filled in."""
    return MESSAGES[code][lang].format(**args)


def format_problem(problem: Problem, lang: str) -> str:
    """One ``file:line:col: severity: message`` line (spec/cli.md); in a workbook kept as the
    registry, ``file:Sheet!D14: severity: message`` (import.md)."""
    text = message(problem.code, lang, **problem.args)
    place = problem.cell or f"{problem.line}:{problem.col}"
    return f"{problem.file}:{place}: {SEVERITY_WORDS[problem.severity]}: {text}"
