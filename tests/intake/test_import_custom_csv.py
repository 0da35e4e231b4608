"""`--format csv --map field=column,...` for any other export: the columns named, the channel given;
records without an id get one from their content, so a second run still imports nothing new."""
import pytest
from django.core.management import CommandError

from minpan.cases.models import Case
from tests.intake.files import csv_file, run_import


def test_mapped_columns_import_and_a_rerun_finds_them(db, tmp_path, settings):
    settings.MINPAN_POLICY = "naiman"
    path = str(csv_file(tmp_path / "weibo.csv", ["主题", "正文", "发布时间"], [
        ["八仙筒镇路灯", "八仙筒镇主街路灯不亮。", "2026-11-20 09:00"],
        ["医保报销", "异地就医怎么备案？", "2026年11月21日 10:30"],
    ]))
    args = ["--format", "csv", "--map", "subject=主题,body=正文,received_at=发布时间", "--channel", "new_media"]
    assert run_import(path, *args)[0][-1] == "imported 2, already there 0, rejected 0"
    assert run_import(path, *args)[0][-1] == "imported 0, already there 2, rejected 0"
    case = Case.objects.get(subject="医保报销")
    assert case.channel == "new_media" and case.external_id.startswith("h:")
    assert case.received_at.isoformat() == "2026-11-21T02:30:00+00:00"


@pytest.mark.parametrize("args, message", [
    (["--map", "subject=主题"], "须指明 body"),
    (["--map", "subject=主题,body=正文,color=颜色", "--channel", "portal"], "未知的字段：color"),
    (["--map", "subject=主题,body=正文"], "须用 --channel"),
    (["--map", "subject:主题", "--channel", "portal"], "字段=列名"),
])
def test_a_wrong_map_is_refused_in_words(db, tmp_path, args, message):
    path = str(csv_file(tmp_path / "x.csv", ["主题", "正文"], [["a", "b"]]))
    with pytest.raises(CommandError, match=message):
        run_import(path, "--format", "csv", *args)
