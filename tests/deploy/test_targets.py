"""Deploy targets as ``directory.deploy`` names them (spec/publish.md): the four forms, and never a
credential, which is refused without being repeated."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qrdir.deploy.targets import FORMS, target_problem
from qrdir.messages import message
from tests.registry.test_properties import FAST


@pytest.mark.parametrize("target", [
    "s3://phuong-long-hoa",
    "s3://phuong-long-hoa/trang/2026",
    "git:origin#gh-pages",
    "git:git@github.com:doan-long-hoa/danh-ba.git#gh-pages",
    "git:ssh://git@github.com/doan-long-hoa/danh-ba.git#release/2026",
    "sftp://deploy@longhoa.example.vn/var/www/html",
    "sftp://deploy@longhoa.example.vn:2222/srv/danh-ba",
    "file:///var/www/html",
    "file:///C:/inetpub/wwwroot",
])
def test_every_form_publish_md_lists_is_accepted(target: str):
    assert target_problem(target) is None


@pytest.mark.parametrize("target", [
    "sftp://deploy:matkhau123@longhoa.example.vn/var/www/html",
    "sftp://deploy:mat#khau/1@longhoa.example.vn/var/www/html",  # a URL parser sees a fragment
    "s3://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI@phuong-long-hoa/trang",
    "s3://AKIAIOSFODNN7EXAMPLE@phuong-long-hoa/trang",
    "s3://phuong-long-hoa/trang?X-Amz-Signature=abc123",
    "git:https://x-access-token:ghp_abc123@github.com/doan/danh-ba.git#gh-pages",
    "git:https://ghp_abc123@github.com/doan/danh-ba.git#gh-pages",
    "file:///var/www/html?token=abc123",
    "https://longhoa.example.vn/upload?key=abc123",
])
def test_a_target_carrying_a_credential_is_refused(target: str):
    assert target_problem(target) == ("deploy_credential", {})


@pytest.mark.parametrize(("target", "kind"), [
    ("s3://Phuong_Long_Hoa", "s3"),
    ("s3://ab", "s3"),
    ("git:origin", "git"),
    ("git:origin#", "git"),
    ("git:#gh-pages", "git"),
    ("git:origin#gh..pages", "git"),
    ("git:origin#nhánh mới", "git"),
    ("sftp://longhoa.example.vn/var/www", "sftp"),
    ("sftp://deploy@longhoa.example.vn", "sftp"),
    ("sftp://deploy@longhoa.example.vn:99999/var/www", "sftp"),
    ("file://may-chu/thu-muc", "file"),
    ("file:///", "file"),
])
def test_a_target_of_a_known_kind_but_the_wrong_form_names_its_form(target: str, kind: str):
    form, example = FORMS[kind]
    assert target_problem(target) == ("deploy_bad_form", {"form": form, "example": example})
    assert target_problem(example) is None  # the example the message gives is itself valid


@pytest.mark.parametrize("target", ["origin", "gh-pages", "ftp://longhoa.example.vn/www",
                                    "git://github.com/doan/danh-ba.git#gh-pages", "C:\\inetpub"])
def test_an_unknown_kind_of_target_lists_the_forms(target: str):
    code, args = target_problem(target)
    assert code == "deploy_unknown"
    assert args["forms"].split(", ") == [form for form, _ in FORMS.values()]


SECRET = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126,
                                        exclude_characters="@/?#:"), min_size=6, max_size=20)


@FAST
@given(SECRET, st.sampled_from([
    "sftp://deploy:{}@longhoa.example.vn/var/www",
    "git:https://x-access-token:{}@github.com/doan/danh-ba.git#gh-pages",
    "s3://phuong-long-hoa/trang?token={}",
    "s3://AKIA:{}@phuong-long-hoa",
]))
def test_no_message_about_a_target_ever_repeats_a_secret(secret: str, template: str):
    code, args = target_problem(template.format(secret))
    assert code == "deploy_credential"
    for lang in ("vi", "en"):
        assert secret not in message(code, lang, key="deploy", **args)
