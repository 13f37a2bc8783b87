"""Signing in and out, and a forgotten password, in Vietnamese.

- "Quên mật khẩu": Django's password reset, whose email is a row of the portal's outbox
  (conferences.notifications.outbox), sent at most once by the notifications queue like every other email; the
  same answer whether or not the address is known (nobody learns who has an account).
- Signing out says so on the sign-in page.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from conferences.notifications import outbox
from conferences.people import display_name


class OutboxPasswordResetForm(PasswordResetForm):
    """The reset email goes through the outbox (one row per user and token), never straight to SMTP."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context["user"]
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        rendered = outbox.render(
            "password_reset", {"name": display_name(user), "url": outbox.absolute_url(path), "user": user}
        )
        outbox.enqueue(
            recipient=user,
            kind="password_reset",
            dedupe_key=f"password-reset:{user.pk}:{context['token']}",
            rendered=rendered,
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")


class LogoutView(auth_views.LogoutView):
    """Sign out, then tell the person on the sign-in page (the message lives in the new, anonymous session)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Bạn đã đăng xuất. Hẹn gặp lại!"))
        return response
