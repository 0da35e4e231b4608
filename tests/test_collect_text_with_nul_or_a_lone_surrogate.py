"""A message from any channel may carry a NUL (a copied form, a broken import) or a lone UTF-16 half
(a JSON "\\ud800" escape). Collecting it stores the rest on both databases, never a server error:
PostgreSQL refuses NUL in text and no database encodes a lone half."""
import pytest

from minpan.cases.errors import CaseError
from minpan.cases.models import Case, Citizen
from minpan.cases.services import case_collect


def test_nul_and_lone_halves_are_left_out_of_what_is_stored(db):
    case, _ = case_collect(
        channel="people_daily", subject="路灯\x00不亮", body="幸福小区\x00路灯坏了\ud800。", policy_name="tongliao",
        external_id="PD-\x0042", citizen={"name": "王\x00小明", "phone": "1380013\x008000", "address": "幸福\udfff小区"},
    )
    stored = Case.objects.get(pk=case.pk)
    assert stored.subject == "路灯不亮"
    assert stored.body == "幸福小区路灯坏了\ufffd。"
    assert stored.external_id == "PD-42"
    writer = Citizen.objects.get(case=case)
    assert (writer.name, writer.phone, writer.address) == ("王小明", "13800138000", "幸福\ufffd小区")


def test_a_message_that_is_only_nul_is_refused_as_empty(db):
    with pytest.raises(CaseError, match="请填写留言标题"):
        case_collect(channel="people_daily", subject="\x00\x00", body="内容", policy_name="tongliao")
