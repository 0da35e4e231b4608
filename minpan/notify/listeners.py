"""What notify does when the core applies an action (registered in apps.NotifyConfig.ready).

The writer's messages carry only our wording and references we made: never the text, the
writer or the unit of another case (see api.py)."""
from __future__ import annotations

from minpan.cases.hooks import Applied

from .api import notify_citizen


def tell_writer_merged(applied: Applied) -> None:
    case = applied.case
    notify_citizen(case, "merge", f"您的留言（查询码 {case.tracking_code}）与此前收到的同一事项（{applied.data['into_ref']}）合并办理，"
                                  f"请凭原查询码查询办理进展和答复。")


def tell_writer_unmerged(applied: Applied) -> None:
    case = applied.case
    notify_citizen(case, "unmerge", f"您的留言（查询码 {case.tracking_code}）将单独办理，请凭原查询码查询办理进展。")
