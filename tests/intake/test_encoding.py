"""Encoding detection: UTF-8, BOMs, UTF-16, Windows-1251, GB18030; junk refused."""

from __future__ import annotations

import os

import pytest

from scrutiny.errors import UnsupportedInput
from scrutiny.intake.encoding import decode_bytes

RU = ("Направляется уведомление о внесении в Единый реестр доменных имен. "
      "В случае непринятия провайдером хостинга мер по удалению запрещенной информации "
      "доступ к сайту будет ограничен.")
ZH = "您好！我代表中国公安部网络安全保卫局，向贵公司举报贵平台上出现的违法链接。请予以删除。" * 2


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (RU.encode("utf-8"), RU),
        (b"\xef\xbb\xbf" + RU.encode("utf-8"), RU),
        (RU.encode("utf-16"), RU),
        (RU.encode("utf-16-le"), RU),
        (RU.encode("cp1251"), RU),
        (ZH.encode("gb18030"), ZH),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "cp1251", "gb18030"],
)
def test_decodes(data: bytes, text: str) -> None:
    decoded, _ = decode_bytes(data, "letter.txt")
    assert decoded == text


def test_random_bytes_are_refused_as_binary() -> None:
    junk = bytes(range(256)) * 4 + os.urandom(2048)
    with pytest.raises(UnsupportedInput, match="binary"):
        decode_bytes(junk, "junk.txt")


def test_nul_heavy_bytes_are_refused() -> None:
    with pytest.raises(UnsupportedInput) as info:
        decode_bytes(b"\x00\x01\x02\x03" * 500, "x.txt")
    assert "x.txt" in str(info.value)
