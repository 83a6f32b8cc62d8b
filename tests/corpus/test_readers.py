import json

import pytest

from marsad.corpus.encoding import decode_bytes
from marsad.corpus.readers import ReadProblem, iter_documents, parse_date
from marsad.errors import InputError

ARTICLE = "وزير الخارجية التركي يزور القاهرة\n\nالقاهرة - وصل وزير الخارجية التركي هاكان فيدان إلى القاهرة اليوم الخميس في زيارة رسمية.\n"


def docs(paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


def test_plain_text_first_line_is_the_title(tmp_path):
    p = tmp_path / "visit.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    [d] = docs([p])
    assert d.id == "visit" and d.title == "وزير الخارجية التركي يزور القاهرة" and d.text == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_each_encoding_is_detected(tmp_path, encoding):
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    [d] = docs([p])
    assert d.text == ARTICLE


def test_windows_1256_is_not_taken_for_latin1():
    text, enc = decode_bytes("قال الوزير إن المفاوضات ستستأنف الأسبوع المقبل في جنيف".encode("cp1256"))
    assert enc == "cp1256" and text.startswith("قال الوزير")


def test_jsonl_common_field_names_and_a_broken_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "x1", "title": "عنوان أول", "text": "نص الخبر الأول عن القمة.", "published": "2023-03-05"}, ensure_ascii=False),
        json.dumps({"headline": "عنوان ثان", "content": "نص الخبر الثاني.", "date_extracted": "2015-07-22 11:09:13"}, ensure_ascii=False),
        "{not json",
        json.dumps({"body": "نص ثالث.", "pubDate": "Tue, 07 Mar 2023 10:00:00 +0300", "url": "https://example.org/3", "source": "مثال"}, ensure_ascii=False),
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"content": "English only text here."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = docs([p])
    assert [type(x).__name__ for x in got] == ["Document", "Document", "ReadProblem", "Document", "ReadProblem", "ReadProblem"]
    d1, d2, bad, d3, notext, latin = got
    assert d1.id == "x1" and d1.text == "عنوان أول\n\nنص الخبر الأول عن القمة." and d1.published == "2023-03-05"
    assert d2.id == "feed:2" and d2.title == "عنوان ثان" and d2.published == "2015-07-22"
    assert bad.line == 3 and "malformed JSON" in bad.reason
    assert d3.published == "2023-03-07" and d3.url == "https://example.org/3" and d3.source == "مثال"
    assert "no text field" in notext.reason and notext.line == 5
    assert "no Arabic" in latin.reason


def test_html_main_text_by_trafilatura(tmp_path):
    body = "".join(f"<p>أجرى وزير الخارجية التركي محادثات مع نظيره المصري في القاهرة حول غزة، الفقرة {i}.</p>" for i in range(6))
    html = f"""<html><head><title>فيدان في القاهرة</title><meta property="article:published_time" content="2023-06-14"></head>
    <body><nav><a href="/">الرئيسية</a></nav><script>var x = "<p>لا</p>";</script><article><h1>فيدان في القاهرة</h1>{body}</article>
    <footer>جميع الحقوق محفوظة</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    [d] = docs([p])
    assert d.title == "فيدان في القاهرة" and d.text.startswith("فيدان في القاهرة")
    assert "الفقرة 5" in d.text and "var x" not in d.text and "الرئيسية" not in d.text
    assert d.published == "2023-06-14"


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ARTICLE, encoding="utf-8")
    assert sorted(d.id for d in docs([tmp_path])) == ["a/one", "two"]


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty file"),
        (b"   \n\t  ", "empty file"),
        (b"%PDF-1.4 binary", "PDF"),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00", "binary"),
        (b"\x81\x8d\x8f\x90 not text at all \x9d\xfd\xfe", "undecodable"),
        (b"Just some English text, nothing else.", "no Arabic"),
        (b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x27", "truncated UTF-16"),
    ],
)
def test_bad_files_give_one_clear_reason(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    [problem] = docs([p])
    assert isinstance(problem, ReadProblem) and reason in problem.reason and problem.path == str(p)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("كلمة " * 600_000, encoding="utf-8")
    [problem] = docs([p])
    assert "over the 5 MB limit" in problem.reason
    [d] = docs([p], max_bytes=10_000_000)
    assert d.text.startswith("كلمة")


def test_missing_path_and_directory_where_a_file_is_expected(tmp_path):
    [missing] = docs([tmp_path / "nope.txt"])
    assert missing.reason == "no such file or directory"
    [folder] = docs([tmp_path], allow_dirs=False)
    assert "is a directory" in folder.reason


def test_dates_in_feed_formats():
    assert parse_date("2015-07-22 11:09:13") == "2015-07-22"
    assert parse_date("Tue, 07 Mar 2023 10:00:00 GMT") == "2023-03-07"
    assert parse_date("2023/3/5") == "2023-03-05"
    assert parse_date("31 فبراير") is None
    assert parse_date("2023-02-31") is None


def test_decode_bytes_raises_input_error():
    with pytest.raises(InputError):
        decode_bytes(b"\x00\x00\x00\x01\x02")


def test_visible_text_reads_any_depth_and_hides_scripts():
    from marsad.corpus.readers import visible_text

    html = ("<html><head><title>عنوان</title><style>p{color:red}</style></head><body><script>var x='سر';</script>"
            + "<div>" * 4000 + "<p>قال الوزير إن المحادثات &laquo;بناءة&raquo;.</p><p>وأضاف أن الجولة المقبلة في عمان.</p>"
            + "</div>" * 4000 + "</body></html>")
    text = visible_text(html)
    assert text.splitlines() == ["قال الوزير إن المحادثات «بناءة».", "وأضاف أن الجولة المقبلة في عمان."]
    assert "سر" not in text and "color" not in text and "عنوان" not in text
