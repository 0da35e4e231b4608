"""GeoReport v2's shapes: services, service requests and errors, as JSON or XML.

XML is written with ElementTree (every value escaped); JSON as UTF-8. Times are ISO 8601 with the
offset, in Beijing time."""
from __future__ import annotations

import json
import re
from xml.etree import ElementTree

from django.http import HttpResponse

from minpan.cases.states import Domain, State
from minpan.workdays.arith import SHANGHAI

CLOSED = {State.PUBLISHED, State.ARCHIVED, State.NOT_ACCEPTED, State.MERGED}
NOTES = {
    State.RECEIVED: "已收到，待受理中心初审", State.ACCEPTED: "已受理", State.REGISTERED: "已受理，待交办",
    State.NOT_ACCEPTED: "不予受理", State.MERGED: "与此前的同一诉求合并办理", State.PUBLISHED: "已答复",
    State.ARCHIVED: "已答复并归档", State.APPROVED: "答复已审核，待发布",
}


def services() -> list[dict]:
    return [{"service_code": code, "service_name": label, "description": f"{label}方面的诉求、咨询、建议和投诉",
             "metadata": False, "type": "realtime", "keywords": "", "group": "民盼通办"} for code, label in Domain.choices]


def request_row(req) -> dict:
    case = req.case
    copy = getattr(case, "public_copy", None)
    state = State(case.state)
    notes = NOTES.get(state, "承办单位办理中")
    if copy is not None and copy.reply and state in (State.PUBLISHED, State.ARCHIVED):
        notes = f"{notes}：{copy.reply}"
    code = case.domain or req.service_code
    return {
        "service_request_id": str(case.pk), "status": "closed" if state in CLOSED else "open", "status_notes": notes,
        "service_name": Domain(code).label if code in Domain.values else code, "service_code": code,
        # the public copy, masked, once there is one: before, nothing of what the writer wrote goes out
        "description": copy.body if copy is not None else "",
        "agency_responsible": case.lead_unit.name if case.lead_unit else "",
        "service_notice": "", "requested_datetime": _time(case.received_at), "updated_datetime": _time(case.updated_at),
        "expected_datetime": _time(case.due_at) if state not in CLOSED else "",
        "address": req.address, "address_id": "", "zipcode": "",
        "lat": float(req.lat) if req.lat is not None else "", "long": float(req.long) if req.long is not None else "",
        "media_url": req.media_url,
    }


def _time(moment) -> str:
    return moment.astimezone(SHANGHAI).isoformat(timespec="seconds") if moment else ""


def respond(rows: list[dict], fmt: str, root: str, item: str, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        top = ElementTree.Element(root)
        for row in rows:
            element = ElementTree.SubElement(top, item)
            for key, value in row.items():
                ElementTree.SubElement(element, key).text = _xml_text(value)
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(top, encoding="utf-8", xml_declaration=False)
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return HttpResponse(json.dumps(rows, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8")


def _xml_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # characters XML 1.0 cannot hold at all (a writer's stray control codes) are dropped
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", "" if value is None else str(value))


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond([{"code": status, "description": description}], fmt, "errors", "error", status=status)
