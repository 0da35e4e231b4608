"""Messages as citizens really write them — full-width digits, spaces, dots, line breaks, wrong check
digits, third parties' names, door numbers — taken through the whole workflow to publication: none
of it appears on any public page (answers list, search, answer page, statistics)."""
import pytest

from minpan.cases.models import Case

from .conftest import answered, form_data

pytestmark = pytest.mark.django_db

WRITER = {"name": "孙丽娟", "phone": "13712345678", "email": "slj2026@163.com"}
# (what the citizen typed, what must never appear in public in any form)
PLANTED = [
    ("我是孙丽娟，", "孙丽娟"),
    ("手机１３７１２３４５６７８", "１３７１２３４５６７８"),
    ("也可打137.1234.5678", "137.1234.5678"),
    ("或1371-234-5678", "1371-234-5678"),
    ("身份证150525 19850612 3011", "150525 19850612 3011"),   # wrong check digit, spaced
    ("老人身份证150525194001021234", "150525194001021234"),    # wrong check digit, plain
    ("微信号 slj_2026abc", "slj_2026abc"),
    ("QQ 28764531", "28764531"),
    ("住幸福家园小区5栋2单元301室", "2单元301"),
    ("我儿子刘晨阳在二中读书，学号20230417", "刘晨阳"),
    ("学号20230417", "20230417"),
    ("邻居张建国也反映过", "张建国"),
    ("车牌蒙G·A8K21", "A8K21"),
]
BODY = "楼下路灯坏了一个月，晚上出行不便。" + "，".join(p for p, _ in PLANTED) + "。请尽快修复。"
GREETING = "孙丽娟女士：您好！刘晨阳同学家长反映的路灯问题已修复。"


@pytest.fixture
def published(client, city):
    client.post("/write/", form_data(client, subject="孙丽娟反映路灯不亮（13712345678）", body=BODY, **WRITER))
    case = Case.objects.latest("pk")
    return answered(city, case, body=GREETING + "如有问题请联系本局值班电话 0475-8123456。")


def _pages(client, case) -> dict[str, str]:
    return {
        "list": client.get("/answers/").content.decode(),
        "answer": client.get(f"/answers/{case.pk}/").content.decode(),
        "search": client.get("/answers/", {"q": "路灯"}).content.decode(),
        "statistics": client.get("/statistics/").content.decode(),
    }


def test_no_planted_personal_data_on_any_public_page(client, published):
    for name, html in _pages(client, published).items():
        for _, secret in PLANTED:
            assert secret not in html, (name, secret)
        assert "13712345678" not in html and "slj2026" not in html, name


def test_the_matter_and_the_offices_number_stay_readable(client, published):
    html = client.get(f"/answers/{published.pk}/").content.decode()
    assert "路灯坏了一个月" in html and "幸福家园小区" in html and "已修复" in html
    assert "0475-8123456" in html  # the office's published duty phone is public


def test_searching_for_any_planted_detail_finds_nothing(client, published):
    assert f"/answers/{published.pk}/" in client.get("/answers/", {"q": "路灯"}).content.decode()
    for query in ("孙丽娟", "刘晨阳", "张建国", "13712345678", "１３７１２３４５６７８", "20230417", "slj_2026abc"):
        html = client.get("/answers/", {"q": query}).content.decode()
        assert f"/answers/{published.pk}/" not in html, query
