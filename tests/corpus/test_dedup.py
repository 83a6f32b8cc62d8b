from marsad.corpus import dedup


def test_content_hash_ignores_spelling_marks_and_spacing():
    a = "أعلنت الوزارةُ   عن برنامج\nجديد"
    b = "اعلنت الوزارة عن برنامج جديد"
    assert dedup.content_hash(a) == dedup.content_hash(b)
    assert dedup.content_hash(a) != dedup.content_hash("اعلنت الوزارة عن برنامج قديم")


def test_near_copy_found_and_unrelated_not(corpus):
    idx = dedup.NearIndex()
    _, orig = dedup.signature(dedup.folded_words(corpus.AGENCY))
    idx.add("orig", orig)
    _, copy = dedup.signature(dedup.folded_words("الرياض - واس: " + corpus.AGENCY + " ويأتي ذلك ضمن الرؤية."))
    hit = idx.find(copy)
    assert hit and hit[0] == "orig" and hit[1] >= dedup.NEAR_THRESHOLD
    other = corpus.text_of(corpus.BY_ID["football"]) * 2
    _, sig = dedup.signature(dedup.folded_words(other))
    assert idx.find(sig) is None


def test_short_texts_have_no_signature():
    n, sig = dedup.signature(dedup.folded_words("خبر قصير جدا"))
    assert sig is None and n < dedup.MIN_SHINGLES


def test_signature_roundtrip(corpus):
    _, sig = dedup.signature(dedup.folded_words(corpus.AGENCY))
    assert dedup.from_bytes(dedup.to_bytes(sig)).jaccard(sig) == 1.0
