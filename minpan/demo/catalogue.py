"""派单目录 for the demo city: the matters its messages are about (texts.py), each with its lead unit,
co-units, an invented basis and a time limit, so the dispatch form proposes by the catalogue first.
Found by code, so loading twice creates nothing new. The bases are invented, as every name in texts.py."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minpan.catalogue.models import Matter
from minpan.catalogue.services import matter_create

from .city import City

# code, domain, name, keywords and aliases, lead unit, co-units, basis, working days
MATTERS: tuple[tuple[str, str, str, str, str, tuple[str, ...], str, int | None], ...] = (
    ("urban-renewal", "urban", "老旧小区改造", "老旧小区改造 旧改 小区改造", "zhujian", (), "《示范市老旧小区改造实施办法》第六条", 10),
    ("urban-streetlight", "urban", "城市道路照明", "路灯 路灯不亮 路灯损坏 照明", "chengguan", (), "《示范市城市照明管理办法》第四条", 5),
    ("urban-illegal-building", "urban", "违法建设查处", "违章搭建 违建 阳光房 私搭乱建", "chengguan", ("zhujian",), "《示范市违法建设查处办法》第三条", None),
    ("urban-water", "urban", "城市供水", "水压 停水 自来水 供水", "shuiwu", (), "《示范市城市供水条例》第五条", 5),
    ("urban-property-deed", "urban", "不动产登记（办证难）", "不动产权证 办证难 房产证", "ziran", ("zhujian",), "《不动产登记暂行条例》第六条", 10),
    ("env-noise", "environment", "施工噪声", "噪音扰民 夜间施工 施工噪音", "shengtai", ("chengguan",), "《中华人民共和国噪声污染防治法》第四十条", 5),
    ("env-fumes", "environment", "餐饮油烟", "油烟 油烟直排", "shengtai", ("chengguan",), "《中华人民共和国大气污染防治法》第八十一条", None),
    ("env-river", "environment", "河道水体污染", "水体发黑 发臭 污水偷排 偷排", "shengtai", ("shuiwu",), "《中华人民共和国水污染防治法》第九条", None),
    ("transport-taxi", "transport", "出租车服务", "出租车 拒载 不打表 绕路", "jiaotong", (), "《巡游出租汽车经营服务管理规定》第四十条", 5),
    ("transport-bus", "transport", "公交线路", "公交线路 公交 运营时间", "jiaotong", (), "《示范市城市公共交通条例》第十二条", 10),
    ("edu-school-zone", "education", "义务教育学区划分", "学区 上小学 入学 招生", "jiaoyu", (), "《中华人民共和国义务教育法》第十二条", None),
    ("edu-training", "education", "校外培训机构", "培训机构 校外培训 预收 学费", "jiaoyu", ("shichang",), "《示范市校外培训机构管理办法》第八条", None),
    ("labour-wages", "labour", "拖欠农民工工资", "拖欠工资 欠薪 农民工工资", "renshe", (), "《保障农民工工资支付条例》第十条", 5),
    ("labour-pension", "labour", "养老保险", "养老保险 退休手续 跨省转移", "renshe", (), "《中华人民共和国社会保险法》第十九条", None),
    ("labour-medical", "labour", "医保报销", "异地就医 医保 报销 慢特病", "yibao", (), "《医疗保障基金使用监督管理条例》第三条", None),
    ("commerce-prepaid", "commerce", "预付卡消费", "预付卡 办卡 跑路 退费", "shichang", (), "《示范市单用途预付卡管理办法》第五条", None),
    ("commerce-food", "commerce", "食品安全", "过期食品 食品安全", "shichang", (), "《中华人民共和国食品安全法》第六条", 5),
    ("health-hospital", "health", "医疗服务", "挂号难 排队 服务态度 医院", "weijian", (), "《医疗机构管理条例》第五条", None),
    ("other-gas", "other", "燃气安全", "燃气管道 液化气 燃气", "yingji", ("zhujian",), "《城镇燃气管理条例》第五条", 3),
    ("other-dogs", "other", "养犬管理", "养犬 遛狗 不拴绳", "gongan", (), "《示范市养犬管理条例》第四条", None),
)


def load_catalogue(city: City, now: dt.datetime | None = None) -> int:
    """The demo catalogue, in force from a year back (before every demo message); returns how many were added."""
    since = (now or timezone.now()) - dt.timedelta(days=365)
    known = set(Matter.objects.values_list("code", flat=True))
    added = 0
    for code, domain, name, keywords, lead, co, basis, days in MATTERS:
        if code in known:
            continue
        matter_create(code=code, domain=domain, name=name, keywords=keywords, lead_unit=city.units[lead],
                      co_units=[city.units[c] for c in co], legal_basis=basis, answer_days=days,
                      reason="示范数据：首次编制派单目录", now=since)
        added += 1
    return added
