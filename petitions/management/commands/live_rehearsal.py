"""Tổng duyệt (rehearsal) of the dialogue day: `live_rehearsal --conference SLUG` puts the conference on air with a
handful of sample questions from several sites; `--stop` ends it and leaves the conference as it was."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from conferences.errors import Refused
from conferences.models import Conference
from petitions.live.feed import channel_token
from petitions.live.rehearsal import rehearsal_start, rehearsal_stop
from petitions.live.services.sessions import projector_link_issue


class Command(BaseCommand):
    help = "Tổng duyệt ngày đối thoại: đưa hội nghị lên sóng với vài câu hỏi mẫu từ nhiều điểm cầu; --stop để kết thúc."

    def add_arguments(self, parser):
        parser.add_argument("--conference", required=True, help="mã hội nghị (slug), ví dụ lang-son-2024")
        parser.add_argument("--stop", action="store_true", help="kết thúc tổng duyệt và xóa dữ liệu tổng duyệt")
        parser.add_argument("--questions", type=int, default=5, help="số câu hỏi mẫu (1-6, mặc định 5)")
        parser.add_argument("--user", help="ghi nhật ký dưới tên người dùng này (mặc định: hệ thống)")
        parser.add_argument(
            "--screen-link", action="store_true", help="cấp liên kết màn hình nếu hội nghị chưa có (giữ lại sau đó)"
        )

    def handle(self, *args, **options):
        conference = Conference.objects.filter(slug=options["conference"]).first()
        if conference is None:
            raise CommandError(f"Không có hội nghị “{options['conference']}”.")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.")
        try:
            if options["stop"]:
                count = rehearsal_stop(conference=conference, actor=actor)
                self.stdout.write(f"Đã kết thúc tổng duyệt “{conference.title}”; xóa {count} câu hỏi mẫu/tổng duyệt.")
                return
            session = rehearsal_start(conference=conference, actor=actor, questions=options["questions"])
            if options["screen_link"] and not channel_token(conference):
                projector_link_issue(conference=conference, actor=actor)
        except Refused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"Đang tổng duyệt “{conference.title}” ({session.entries.count()} câu hỏi trong hàng đợi).")
        self._links(conference)

    def _links(self, conference):
        base = settings.SITE_URL
        self.stdout.write(f"  Bàn điều hành: {base}{reverse('live:console', kwargs={'slug': conference.slug})}")
        self.stdout.write(f"  Điểm cầu:      {base}{reverse('live:operator', kwargs={'slug': conference.slug})}")
        token = channel_token(conference)
        screen = reverse("live:screen", kwargs={"slug": conference.slug})
        self.stdout.write(
            f"  Màn hình:      {base}{screen}?t={token}"
            if token
            else "  Màn hình:      chưa có liên kết (cấp tại bàn điều hành, hoặc chạy lại với --screen-link)"
        )
        self.stdout.write(f"Kết thúc: manage.py live_rehearsal --conference {conference.slug} --stop")
