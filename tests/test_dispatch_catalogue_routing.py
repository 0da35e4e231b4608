"""派单目录 at dispatch (国办函〔2025〕66号): the catalogue's unit is proposed first, with the matter and
the keywords that matched; the unit learnt from earlier dispatches second, with its reason."""
import time_machine

from minpan.cases.models import Case
from minpan.catalogue.matching import Entry, match
from minpan.catalogue.selectors import catalogue_proposals, dispatch_proposals, in_force
from minpan.catalogue.services import matter_revise
from tests.catalogue_data import school_fees, streetlights
from tests.flow import at, collect, registered


def test_keywords_match_whole_words_and_longer_phrases_anywhere():
    entries = [Entry("lights", ("路灯", "照明设施")), Entry("power", ("电", "停电"))]
    hits = match("幸福小区路灯不亮", "三号楼前的照明设施坏了", entries)
    assert [(h.key, h.keywords) for h in hits] == [("lights", ("照明设施", "路灯"))]
    assert match("电梯坏了", "", entries) == []  # 电 inside 电梯 is not 电


def test_the_catalogues_unit_is_proposed_first_with_its_reason(city):
    streetlights(city)
    school_fees(city)
    learnt = [(city.education, 1.2), (city.housing, 0.4)]
    proposals = dispatch_proposals(title="小区路灯不亮", body="幸福小区 3 号楼前路灯坏了一个月。", learnt=learnt,
                                   at=at("2026-03-02 09:00"))
    first, second = proposals[0], proposals[1]
    assert (first.unit, first.source) == (city.housing, "catalogue")
    assert "城市道路照明（路灯）维护" in first.why and "urban-streetlight" in first.why and "路灯" in first.why
    assert (second.unit, second.source) == (city.education, "learnt") and "以往交办" in second.why
    assert [p.unit for p in proposals] == [city.housing, city.education]  # each unit once


def test_without_a_matching_matter_the_learnt_unit_comes_first(city):
    streetlights(city)
    proposals = dispatch_proposals(title="噪音扰民", body="夜间施工。", learnt=[(city.district, 0.9)])
    assert [(p.unit, p.source) for p in proposals] == [(city.district, "learnt")]


def test_the_catalogue_in_force_on_the_day_proposes(city):
    version = streetlights(city, now=at("2026-01-05 09:00"))
    matter_revise(matter=version.matter, lead_unit=city.district, by=city.operator, reason="移交区管护",
                  now=at("2026-03-01 09:00"))
    assert catalogue_proposals(title="路灯不亮", body="", at=at("2026-02-01 09:00"))[0].unit == city.housing
    assert catalogue_proposals(title="路灯不亮", body="", at=at("2026-03-02 09:00"))[0].unit == city.district
    matter_revise(matter=version.matter, in_force=False, by=city.operator, reason="停用", now=at("2026-03-03 09:00"))
    assert catalogue_proposals(title="路灯不亮", body="", at=at("2026-03-04 09:00")) == []
    assert [v.number for v in in_force(at("2026-03-04 09:00"), withdrawn=True)] == [3]


def test_the_case_page_proposes_and_prefills_the_catalogues_unit(client, city):
    streetlights(city)
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = registered(city, "tongliao")
        client.force_login(city.operator)
        text = client.get(f"/desk/case/{case.pk}/").content.decode()
    panel = text[text.index("初审助手"):text.index("公开前脱敏预览")]
    assert "派单目录" in panel and "城市道路照明（路灯）维护" in panel and "匹配关键词：路灯" in panel
    dispatch = text[text.index(f'action="/desk/case/{case.pk}/do/dispatch/"'):]
    assert f'<option value="{city.housing.pk}" selected>' in dispatch[:dispatch.index("</select>")]


def test_a_unit_cites_a_matter_when_it_returns_a_case_on_the_page(client, city):
    version = school_fees(city)
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = collect("tongliao", subject="学校乱收补课费", body="某中学收取补课费。")
        from minpan.cases.transitions import apply

        apply(case, "accept", actor=city.operator)
        apply(case, "classify", actor=city.operator, msg_type="complaint", domain="education")
        apply(case, "dispatch", actor=city.operator, lead=city.housing)
        client.force_login(city.deputy)
        page = client.get(f"/desk/case/{case.pk}/").content.decode()
        assert "edu-fees 中小学收费（市教育局）" in page
        resp = client.post(f"/desk/case/{case.pk}/do/return/", {"return-reason": "收费属教育局。", "return-matter": version.matter_id})
        assert resp.status_code == 302, resp.content.decode()[:1500]
        client.force_login(city.operator)
        page = client.get(f"/desk/case/{case.pk}/").content.decode()
        assert Case.objects.get(pk=case.pk).state == "returned"
        assert "/do/accept_dispute/" in page and "/do/reject_dispute/" in page and "/do/dispatch/" not in page
        assert "引用派单目录事项 edu-fees" in page  # the dispute is shown to the one deciding
        resp = client.post(f"/desk/case/{case.pk}/do/accept_dispute/", {"accept_dispute-reason": "按派单目录交办教育局。"})
        assert resp.status_code == 302, resp.content.decode()[:1500]
    assert Case.objects.get(pk=case.pk).lead_unit == city.education
