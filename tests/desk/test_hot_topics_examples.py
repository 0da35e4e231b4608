"""The monthly 热点问题 section lists a topic's example titles one a paragraph, each after a bullet."""
import io

from docx import Document

from tests.desk.test_hot_topics_page import october


def test_example_titles_are_one_a_paragraph(client, city):
    october(city)
    client.force_login(city.reviewer)
    book = Document(io.BytesIO(client.get("/desk/hot/2026-10.docx").content))
    table = book.tables[0]
    assert table.rows[0].cells[5].text == "示例标题"
    examples = table.rows[1].cells[5].paragraphs
    assert len(examples) == 2
    assert all(p.text.startswith("• ") and "\n" not in p.text for p in examples)
    assert examples[0].text != examples[1].text
