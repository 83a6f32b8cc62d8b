"""Knowledge base: data files, loader, alias index, dated roles (real Arabic)."""

from __future__ import annotations

import json
import re
import time
from importlib import resources

import pytest

from marsad.kb import KB, Role, load_kb
from marsad.text.normalize import fold


@pytest.fixture(scope="module")
def kb() -> KB:
    return load_kb()


@pytest.fixture(scope="module")
def alias_map(kb: KB) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    for alias, eid, via in kb.aliases():
        out.setdefault(alias, set()).add((eid, via))
    return out


def ids_for(alias_map, text: str) -> set[str]:
    return {eid for eid, _ in alias_map.get(fold(text), ())}


def test_every_iso_country_has_an_arabic_name(kb: KB):
    countries = [e for e in kb.entries.values() if e.id.startswith("country:")]
    assert len(countries) >= 249
    for e in countries:
        assert e.name_ar and re.search("[\u0621-\u064a]", e.name_ar), e.id
        assert e.data["iso3"] == e.id.split(":")[1]
    for iso3, name in [("FRA", "فرنسا"), ("TUR", "تركيا"), ("EGY", "مصر"), ("PSE", "فلسطين"), ("SAU", "السعودية")]:
        assert kb.country_by_iso3(iso3).name_ar == name


def test_adjectives_and_demonyms(alias_map):
    assert "country:TUR" in ids_for(alias_map, "التركي")
    assert "country:TUR" in ids_for(alias_map, "الأتراك")
    assert "country:USA" in ids_for(alias_map, "الأمريكية")
    assert "country:USA" in ids_for(alias_map, "الأميركية")
    assert "country:USA" in ids_for(alias_map, "أميركا")
    assert "country:GBR" in ids_for(alias_map, "البريطاني")
    assert "country:KOR" in ids_for(alias_map, "الكورية الجنوبية")
    assert ("country:TUR", "adjective") in alias_map[fold("التركية")]


def test_capitals_stand_for_the_state(alias_map, kb: KB):
    assert ("country:USA", "capital") in alias_map[fold("واشنطن")]
    assert ("country:RUS", "capital") in alias_map[fold("موسكو")]
    # the capital is also a place entry of its own
    assert any(eid.startswith("place:") and via == "name" for eid, via in alias_map[fold("موسكو")])
    # Washington is not an alias of the United States
    assert "واشنطن" not in kb.country_by_iso3("USA").aliases_ar
    assert kb.get(kb.country_by_iso3("FRA").data["capital"]).name_ar == "باريس"


def test_places_and_regions(alias_map):
    assert ids_for(alias_map, "قطاع غزة") == {"place:gaza-strip"}
    assert ids_for(alias_map, "الضفة الغربية") == {"place:west-bank"}
    assert "place:crimea" in ids_for(alias_map, "شبه جزيرة القرم")
    assert ids_for(alias_map, "حلب")


def test_organizations(kb: KB, alias_map):
    orgs = [e for e in kb.entries.values() if e.kind == "ORG"]
    assert len(orgs) >= 150
    assert sum(e.data.get("org_type") == "igo" for e in orgs) >= 150
    assert ids_for(alias_map, "الناتو") == ids_for(alias_map, "حلف شمال الأطلسي") == {"org:nato"}
    assert kb.get("Q7184").id == "org:nato"
    assert "org:unrwa" in ids_for(alias_map, "الأونروا")
    assert "org:houthis" in ids_for(alias_map, "الحوثيون")
    assert "org:isis" in ids_for(alias_map, "داعش")
    assert kb.get("org:kremlin").country == "RUS"
    mfa = kb.get("org:fra-ministry-foreign-affairs")
    assert mfa.name_ar == "وزارة الخارجية الفرنسية" and mfa.data["org_type"] == "ministry"
    assert "org:usa-ministry-foreign-affairs" in ids_for(alias_map, "وزارة الخارجية الأميركية")


def test_people_and_dated_roles(kb: KB):
    people = [e for e in kb.entries.values() if e.kind == "PERSON"]
    assert len(people) >= 1500
    assert [e.id for e in kb.holders("foreign_minister", "FRA", "2019-06-01")] == ["person:jean-yves-le-drian"]
    assert [e.id for e in kb.holders("secretary_general", "UN", "2023-06-14")] == ["person:antonio-guterres"]
    assert [e.id for e in kb.holders("foreign_minister", "RUS", "2024-01-01")] == ["person:sergey-lavrov"]
    assert [e.id for e in kb.holders("foreign_minister", "TUR", "2024-05-01")] == ["person:hakan-fidan"]
    assert [e.id for e in kb.holders("president", "USA", "2022-03-01")] == ["person:joe-biden"]
    # chancellor is stored as the head of government
    assert [e.id for e in kb.holders("chancellor", "DEU", "2010-01-01")] == ["person:angela-merkel"]
    assert kb.get("person:emmanuel-macron").public_id == "Q3052772"


def test_spelling_variants_resolve_to_one_entry(alias_map, kb: KB):
    a = ids_for(alias_map, "أنطونيو غوتيريش")
    assert a == ids_for(alias_map, "أنطونيو جوتيريس") == ids_for(alias_map, "انطونيو غوتيريس") == {"person:antonio-guterres"}
    surnames = {s for s, eid in kb.surnames() if eid == "person:antonio-guterres"}
    assert fold("جوتيريس") in surnames and fold("غوتيريش") in surnames
    # surnames are not aliases
    assert fold("ماكرون") not in alias_map


def test_role_dates_partial():
    r = Role("foreign_minister", "Minister of Foreign Affairs", "FRA", None, "2017", "2022-05-20")
    assert r.active_on("2017-01-01") and r.active_on("2022-05-20") and not r.active_on("2022-05-21")
    assert Role("x", "", None, None, "2015-03", "2016").active_on("2016-12-31")
    assert not Role("x", "", None, None, "2015-03", "2016").active_on("2015-02-28")


def test_titles(kb: KB):
    titles = {t["role"]: t for t in kb.titles()}
    for role in ("president", "king", "emir", "prime_minister", "foreign_minister", "defence_minister",
                 "spokesperson", "ambassador", "envoy", "secretary_general", "national_security_adviser",
                 "chief_of_staff", "speaker_of_parliament", "leader", "head", "minister"):
        assert role in titles, role
    assert "وزير الخارجية" in titles["foreign_minister"]["titles_ar"]
    assert titles["foreign_minister"]["title_en_by_country"]["USA"] == "Secretary of State"


def test_ids_unique_and_wikidata_wellformed():
    seen: set[str] = set()
    base = resources.files("marsad.kb").joinpath("data")
    for name in ("countries", "places", "organizations", "people", "groups"):
        for line in base.joinpath(f"{name}.jsonl").read_text("utf-8").splitlines():
            rec = json.loads(line)
            assert rec["id"] not in seen, rec["id"]
            seen.add(rec["id"])
            assert rec["kind"] in {"GPE", "LOC", "ORG", "PERSON", "FAC", "NORP"}
            assert rec["wikidata"] is None or re.fullmatch(r"Q[0-9]+", rec["wikidata"]), rec["id"]
            assert isinstance(rec["aliases_ar"], list) and isinstance(rec["aliases_en"], list)


def test_references_resolve(kb: KB):
    iso = {e.data["iso3"] for e in kb.entries.values() if e.id.startswith("country:")}
    for e in kb.entries.values():
        for r in e.roles:
            assert r.country is None or r.country in iso, (e.id, r)
            assert r.org is None or r.org == "IGO" or kb.get(r.org) is not None, (e.id, r)
        for key in ("parent", "stands_for", "capital"):
            assert not e.data.get(key) or e.data[key] in kb.entries, (e.id, key)
    assert kb.org_by_code("UN").id == "org:un" and kb.get("ARL").id == "org:arab-league"


def test_no_wikidata_shared_by_two_entries(kb: KB):
    qids = [e.wikidata for e in kb.entries.values() if e.wikidata]
    assert len(qids) == len(set(qids))


def test_load_is_fast():
    load_kb.cache_clear()
    t0 = time.perf_counter()
    load_kb()
    assert time.perf_counter() - t0 < 2.0


def test_cli_stats(capsys):
    from marsad.cli import main

    assert main(["kb", "stats"]) == 0
    out = capsys.readouterr().out
    assert "organizations" in out and "people" in out
