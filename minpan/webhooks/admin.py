from django import forms
from django.contrib import admin, messages

from .calls import new_secret, send_again, set_secret
from .models import CallState, Webhook, WebhookCall


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label="回调地址", max_length=500, assume_scheme="https",
                         help_text="渠道系统接收状态变化的地址（http 或 https）")

    class Meta:
        model = Webhook
        fields = ["channel", "url", "active", "note"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("回调地址须以 http:// 或 https:// 开头。")
        return url


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ["channel", "url", "active", "note", "created_at"]
    list_filter = ["channel", "active"]
    actions = ["new_secrets"]

    def save_model(self, request, obj, form, change):
        if not change:
            secret = new_secret()
            set_secret(obj, secret)
            super().save_model(request, obj, form, change)
            _show_once(request, obj, secret)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="更换签名密钥（新密钥只显示一次）")
    def new_secrets(self, request, queryset):
        for hook in queryset:
            secret = new_secret()
            set_secret(hook, secret)
            hook.save(update_fields=["secret"])
            _show_once(request, hook, secret)


def _show_once(request, hook: Webhook, secret: str) -> None:
    messages.warning(request, f"“{hook}”的签名密钥（只显示这一次，请交给渠道系统保存）：{secret}")


@admin.register(WebhookCall)
class WebhookCallAdmin(admin.ModelAdmin):
    list_display = ["pk", "webhook", "case", "state", "attempts", "created_at", "next_attempt_at", "last_status", "last_error"]
    list_filter = ["state", "webhook__channel"]
    actions = ["resend"]
    readonly_fields = [f.name for f in WebhookCall._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="重新发送多次失败的回调")
    def resend(self, request, queryset):
        count = send_again(queryset.filter(state=CallState.FAILED))
        messages.info(request, f"已重新排队 {count} 条回调。")
