from django.conf import settings
from django.db import models

from .roles import Role


class Level(models.TextChoices):
    CENTER = "center", "受理中心"
    CITY = "city", "市直部门"
    COUNTY = "county", "县（市、区）"
    TOWNSHIP = "township", "乡镇（街道）"


class Unit(models.Model):
    """A node of the unit tree. `path` (/1/7/23/) makes "this unit and its sub-units" one indexed prefix query."""

    name = models.CharField("名称", max_length=100)
    code = models.SlugField("代码", max_length=40, unique=True)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField("层级路径", max_length=255, editable=False, db_index=True)
    phone = models.CharField("对外联系电话", max_length=40, blank=True)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def tree_order(self) -> list[int]:
        """A sort key in the tree's order with ids read as numbers (a path's text puts /10/ before /9/)."""
        return [int(n) for n in self.path.strip("/").split("/") if n]

    @property
    def is_center(self) -> bool:
        return self.level == Level.CENTER

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        prefix = self.parent.path if self.parent_id else "/"
        path = f"{prefix}{self.pk}/"
        if path != self.path:
            old = self.path
            self.path = path
            Unit.objects.filter(pk=self.pk).update(path=path)
            if old:
                for child in Unit.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    child.path = path + child.path[len(old):]
                    Unit.objects.filter(pk=child.pk).update(path=child.path)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="members")
    role = models.CharField("角色", max_length=20, choices=[(r.value, r.label) for r in Role if r not in (Role.CITIZEN, Role.SYSTEM)])
    phone = models.CharField("办公电话", max_length=40, blank=True)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
