from django.db import models

from minpan.cases.models import Case


class Sample(models.Model):
    """One kept fingerprint of a case's text (see similar.fingerprints): the postings of the index.

    `size` is the case's number of fingerprints, copied here so a search scores candidates
    from the postings alone; a case's text never changes after it is collected.
    """

    fingerprint = models.BigIntegerField("指纹")
    case = models.ForeignKey(Case, verbose_name="留言", on_delete=models.CASCADE, related_name="+")
    size = models.PositiveSmallIntegerField("指纹数")

    class Meta:
        verbose_name = "留言指纹"
        verbose_name_plural = "留言指纹"
        # covering: a search reads (case, size) for a fingerprint from the index alone
        indexes = [models.Index(fields=["fingerprint", "case", "size"], name="similar_sample_fp")]


class Indexed(models.Model):
    """A case whose fingerprints are in the index, and with which version of the scheme.
    `minpan similar reindex` resumes from these rows and redoes the ones of an older version."""

    case = models.OneToOneField(Case, verbose_name="留言", on_delete=models.CASCADE, primary_key=True, related_name="+")
    size = models.PositiveSmallIntegerField("指纹数")
    version = models.PositiveSmallIntegerField("算法版本")

    class Meta:
        verbose_name = "已建指纹的留言"
        verbose_name_plural = "已建指纹的留言"
