"""The reply check on hand-written replies (pure: no database)."""
from minpan.policies.presets import PRESETS
from minpan.policies.rules import ReplyContent
from minpan.textmine.replycheck import check_reply, dequote, fit_idf

TITLE = "东城区幸福小区车位捆绑销售"
BODY = (
    "东城区幸福小区开发商要求业主买房必须同时购买车位，每个车位 15 万元，不买车位就不给办理网签。"
    "请住建部门查处这种捆绑销售行为。"
)
GOOD = (
    "网友您好！您的留言已收悉，现将有关情况回复如下：经核实，幸福小区开发商在销售中存在要求购房人同时购买车位的行为。"
    "根据《商品房销售管理办法》第二十五条，房地产开发企业不得捆绑销售。市住建局已于 3 月 12 日责令开发商停止捆绑销售，"
    "已签订的车位合同购房人可自愿解除，开发商须在 3 月 31 日前退还车位款。经办人：李明，联系电话：0475-1234567。"
    "感谢您对我们工作的支持！"
)
TRANSFERRED = "网友：您好！您反映的问题已收悉，已转交相关部门调查处理。感谢您的关注！2019年5月9日"
OTHER_TOPIC = (
    "网友您好！您的留言已收悉，现将有关情况回复如下：经核实，该工地是龙湖春江郦城项目工地，目前已进入渣土回填、"
    "基底施工阶段，办理了渣土回填许可，夜间施工时间为 22:00 至次日 4:00。城管执法中队已要求施工单位降低噪音、"
    "文明施工。感谢您的支持！"
)
PLAIN = ReplyContent()  # no handler or contact required
WITH_CONTACT = ReplyContent(requires_handler=True, requires_contact=True, handler_article="第十二条")


def check(reply, requirements=PLAIN, title=TITLE, body=BODY, **kw):
    return check_reply(title=title, body=body, reply=reply, requirements=requirements, **kw)


def test_a_good_reply_passes():
    result = check(GOOD, WITH_CONTACT)
    assert result.ok, result.flags
    assert result.relevance > 0.1


def test_a_reply_that_only_says_it_was_passed_on_is_perfunctory():
    result = check(TRANSFERRED)
    assert "perfunctory" in result.codes
    assert "no_result_or_basis" in result.codes
    assert "irrelevant" not in result.codes  # nothing to be relevant with: perfunctory says it
    assert "实质内容" in result.flags[0].why_zh


def test_transfer_with_a_long_courtesy_is_still_perfunctory():
    reply = ("尊敬的网友：您好！您所反映的问题我办已高度重视，已转交市住建局及东城区人民政府调查核处，"
             "如有相关情况将及时反馈，敬请关注后续回复，请勿重复发帖。衷心感谢您对我市工作的关心和支持！")
    assert "perfunctory" in check(reply).codes


def test_thanks_and_will_study_only_is_perfunctory():
    reply = "网友您好！您的留言已收悉。对于您的意见和建议，市住建局将认真研究。感谢您对我们工作的支持、理解与监督！"
    assert "perfunctory" in check(reply).codes


def test_a_reply_about_another_topic_is_irrelevant_and_says_what_it_misses():
    result = check(OTHER_TOPIC)
    assert "irrelevant" in result.codes
    why = next(f.why_zh for f in result.flags if f.code == "irrelevant")
    assert "车位捆绑销售" in why and "关联度低" in why


def test_quoting_the_title_does_not_count_as_answering():
    quoted = f"网友您好！针对您反映的“{TITLE}”的问题，现回复如下：" + OTHER_TOPIC
    assert "irrelevant" in check(quoted).codes
    assert "捆绑" not in dequote(quoted, TITLE)


def test_a_reply_naming_the_estate_is_not_taken_for_a_quotation():
    # short shared names (幸福小区) stay: they show the reply is about this message
    assert "幸福小区" in dequote(GOOD, TITLE)


def test_missing_handler_and_contact_flagged_where_the_policy_asks():
    bare = GOOD.replace("经办人：李明，联系电话：0475-1234567。", "")
    assert check(bare, PLAIN).ok
    result = check(bare, WITH_CONTACT)
    assert result.codes == ["no_handler", "no_contact"]
    assert result.flags[0].why_zh == "答复未写明经办人（见制度第十二条）"


def test_handler_fields_count_as_handler_and_contact():
    bare = GOOD.replace("经办人：李明，联系电话：0475-1234567。", "")
    assert check(bare, WITH_CONTACT, handler_name="李明", handler_phone="0475-1234567").ok


def test_a_mobile_number_in_the_text_is_a_contact():
    reply = GOOD.replace("0475-1234567", "13912345678")
    assert "no_contact" not in check(reply, WITH_CONTACT).codes


def test_policy_basis_alone_is_enough_for_the_result_or_basis_element():
    reply = ("网友您好！关于车位捆绑销售的问题，现答复如下：根据《商品房销售管理办法》第二十五条规定，开发企业不得将车位与住房"
             "捆绑销售，购房人可拒绝购买车位并要求办理网签，开发商拒不办理的可向市住建局投诉。")
    assert "no_result_or_basis" not in check(reply).codes


def test_the_signature_date_is_not_a_result():
    reply = ("网友您好！您的留言已收悉。关于幸福小区车位捆绑销售一事，我们非常理解您的心情，也知道购房不易，"
             "开发商的做法给业主带来了很大困扰，我们会持续关注此事。2019年5月9日")
    assert "no_result_or_basis" in check(reply).codes


def test_presets_carry_the_reply_elements_their_documents_ask_for():
    assert PRESETS["tongliao"].reply_content.requires_contact
    assert PRESETS["chizhou"].reply_content.requires_handler
    assert not PRESETS["yuncheng"].reply_content.requires_handler
    for policy in PRESETS.values():
        assert policy.reply_content.quality_article, policy.name


def test_an_idf_table_from_a_background_corpus_can_weight_relevance():
    idf = fit_idf([BODY, GOOD, OTHER_TOPIC, TRANSFERRED, "公交线路班次太少", "学校食堂饭菜质量差"])
    assert idf.unseen >= max(idf.values())
    assert check(GOOD, idf=idf).relevance > check(OTHER_TOPIC, idf=idf).relevance

