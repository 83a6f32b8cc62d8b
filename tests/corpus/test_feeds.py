from marsad.corpus.feeds import html_to_text, read_feed
from marsad.corpus.readers import ReadProblem, iter_documents
from marsad.schema import Document

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>وكالة الأنباء</title>
<item>
  <title>وزير الخارجية يستقبل نظيره الأردني</title>
  <link>https://example.org/a/1</link>
  <guid>https://example.org/a/1</guid>
  <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
  <description>ملخص قصير</description>
  <content:encoded><![CDATA[<p>استقبل وزير الخارجية اليوم في الرياض نظيره الأردني.</p><p>وبحث الجانبان العلاقات &amp; التعاون.</p><script>x()</script>]]></content:encoded>
</item>
<item>
  <title>خبر ثان</title>
  <link>https://example.org/a/2</link>
  <pubDate>Wed, 06 Mar 2024 09:00:00 +0300</pubDate>
  <description>&lt;b&gt;أعلنت&lt;/b&gt; الوزارة عن برنامج جديد.</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>صحيفة</title>
<entry><title>قمة عربية في القاهرة</title><link rel="alternate" href="https://example.org/b/1"/>
<id>tag:example.org,2024:1</id><published>2024-03-07T08:00:00Z</published>
<content type="html">&lt;p&gt;تنطلق القمة العربية الأسبوع المقبل في القاهرة.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_become_documents():
    docs = list(read_feed("news.rss", RSS.encode("utf-8")))
    assert len(docs) == 2
    d = docs[0]
    assert d.title == "وزير الخارجية يستقبل نظيره الأردني"
    assert d.url == "https://example.org/a/1"
    assert d.published == "2024-03-05" and d.published_source == "given"
    assert d.source == "وكالة الأنباء"
    assert d.text.startswith(d.title + "\n\n")
    assert "استقبل وزير الخارجية اليوم في الرياض نظيره الأردني." in d.text
    assert "العلاقات & التعاون" in d.text and "x()" not in d.text and "<p>" not in d.text
    assert docs[1].text.endswith("أعلنت الوزارة عن برنامج جديد.")
    assert docs[0].id != docs[1].id
    # stable ids: reading the feed again gives the same ids
    assert [x.id for x in read_feed("news.rss", RSS.encode("utf-8"))] == [x.id for x in docs]


def test_atom_entries():
    (d,) = read_feed("f.atom", ATOM.encode("utf-8"))
    assert d.url == "https://example.org/b/1" and d.published == "2024-03-07"
    assert "تنطلق القمة العربية الأسبوع المقبل في القاهرة." in d.text


def test_stdlib_fallback(monkeypatch):
    from marsad.corpus import feeds

    docs = list(feeds._read_with_etree("news.rss", RSS.encode("utf-8")))
    assert [d.published for d in docs] == ["2024-03-05", "2024-03-06"]
    assert "نظيره الأردني" in docs[0].text
    (a,) = feeds._read_with_etree("f.atom", ATOM.encode("utf-8"))
    assert a.url == "https://example.org/b/1"


def test_broken_feed_is_a_read_problem(tmp_path):
    p = tmp_path / "bad.rss"
    p.write_text("<rss><channel><item><title>خبر", encoding="utf-8")
    out = list(iter_documents([str(p)]))
    assert out and all(isinstance(x, (ReadProblem, Document)) for x in out)
    q = tmp_path / "junk.rss"
    q.write_text("هذا ليس ملف تغذية <<<", encoding="utf-8")
    (problem,) = list(iter_documents([str(q)]))
    assert isinstance(problem, ReadProblem)


def test_feed_file_through_readers(tmp_path):
    p = tmp_path / "news.xml"
    p.write_text(RSS, encoding="utf-8")
    docs = [x for x in iter_documents([str(p)]) if not isinstance(x, ReadProblem)]
    assert len(docs) == 2


def test_html_to_text():
    assert html_to_text("<div>أ<br/>ب</div><style>p{}</style>") == "أ\nب"
    assert html_to_text("") == ""
