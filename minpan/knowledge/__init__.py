"""知识库: approved answers to common consultations, searched at initial review and offered for
the center's direct answer (Yuncheng 五(二): 咨询类 answered by the center 依据相关规定)."""
