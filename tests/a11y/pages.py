"""Every page type, by who opens it: the named GET pages of the URLconf with real objects of the demo and the
scenario (tests/a11y/scenario.py). Files (XLSX, PDF, DOCX), feeds and POST-only actions are not pages."""

from django.urls import reverse

from .scenario import Scenario

# Who signs in for which role (demo/people.py): provincial and district Youth Union (the provincial one moderates
# the dialogue day's console), Home Affairs of the province and of a district, agency officers, the leader, admin.
ROLES = (
    "anon",
    "doan_tinh",
    "doan_trangdinh",
    "noivu_tinh",
    "noivu_trangdinh",
    "canbo_laodong",
    "lanhdao",
    "admin",
)


def pages(s: Scenario) -> dict[str, list[str]]:
    slug, done = s.collecting.slug, s.concluded.slug
    return {
        "anon": [
            reverse("public:conference_list"),
            reverse("public:search") + "?q=von+vay",
            reverse("public:conference", args=[done]),
            reverse("public:petition", args=[done, s.published_number]),
            reverse("public:conference", args=[slug]),
            reverse("public:question_send", args=[slug]),
            s.confirm_path,  # lands on the private tracking page
            reverse("public:question_track", args=[s.question.token]),
            s.screen_url,
            reverse("public:verify"),
            reverse("login"),
            reverse("password_reset"),
            reverse("password_reset_done"),
            "/khong-co-trang-nay/",
        ],
        "doan_tinh": [
            reverse("home"),
            reverse("petitions:index"),
            reverse("petitions:list", args=[slug]),
            reverse("petitions:create", args=[slug]),
            reverse("petitions:detail", args=[s.petition.pk]),
            reverse("petitions:edit", args=[s.reviewed.pk]),
            reverse("petitions:import_upload", args=[slug]),
            reverse("petitions:import_preview", args=[s.import_pk]),
            reverse("petitions:question_queue"),
            reverse("conferences:detail", args=[slug]),
            reverse("live:console", args=[slug]),
            reverse("live:entry", args=[slug, s.entry_pk]),
            reverse("live:minutes", args=[slug]),
            reverse("notifications:list"),
            reverse("notifications:settings"),
            reverse("password_change"),
        ],
        "doan_trangdinh": [
            reverse("home"),
            reverse("live:operator", args=[slug]),
            reverse("petitions:list", args=[done]),
            reverse("petitions:detail", args=[s.concluded.petitions.order_by("number").first().pk]),
            reverse("conclusions:notice_list"),
            reverse("conclusions:notice_edit", args=[s.issued_notice_pk]),  # 403 with its reason
            reverse("conclusions:directives"),
            reverse("conclusions:directive_detail", args=[s.directive_pk]),  # the owner's progress report
        ],
        "noivu_tinh": [
            reverse("home"),
            reverse("conferences:list"),
            reverse("conferences:create"),
            reverse("conferences:detail", args=[slug]),
            reverse("conferences:edit", args=[slug]),
            reverse("conferences:sites", args=[slug]),
            reverse("conferences:groups", args=[slug]),
            reverse("conferences:account_moves"),
            reverse("petitions:list", args=[slug]),
            reverse("petitions:detail", args=[s.reviewed.pk]),
            reverse("petitions:assignment_board", args=[slug]),
            reverse("petitions:assignment_bulk", args=[slug]),
            reverse("petitions:assignment", args=[s.assignment_pk]),
            reverse("petitions:assignment_create", args=[s.petition.pk]),
            reverse("petitions:assignment_reassign", args=[s.assignment_pk]),
            reverse("petitions:answer_on_the_spot", args=[s.petition.pk]),
            reverse("petitions:review_queue"),
            reverse("petitions:answer", args=[s.review_answer_pk]),
            reverse("petitions:question_sender_requests"),
            reverse("conclusions:notice_list"),
            reverse("conclusions:conference_notice", args=[slug]),
            reverse("conclusions:notice_detail", args=[s.draft_notice_pk]),
            reverse("conclusions:notice_edit", args=[s.draft_notice_pk]),
            reverse("conclusions:appendix_add", args=[s.draft_notice_pk]),
            reverse("conclusions:section_add", args=[s.draft_notice_pk]),
            reverse("conclusions:section_edit", args=[s.draft_notice_pk, s.draft_section_pk]),
            reverse("conclusions:directive_add", args=[s.draft_notice_pk, s.draft_section_pk]),
            reverse("conclusions:directive_edit", args=[s.draft_notice_pk, s.draft_directive_pk]),
            reverse("conclusions:notice_issue", args=[s.draft_notice_pk]),
            reverse("conclusions:render_job", args=[s.draft_notice_pk, s.render_job_pk]),
            reverse("conclusions:stats_overview"),
            reverse("conclusions:stats_yearly_report"),
            reverse("conclusions:stats_yearly_report") + "?nam=2024&don_vi=0",  # sent incomplete: its errors (400)
        ],
        "noivu_trangdinh": [
            reverse("conclusions:notice_detail", args=[s.issued_notice_pk]),
            reverse("conclusions:directives"),
            reverse("conclusions:directive_detail", args=[s.directive_pk]),
            reverse("conclusions:monitoring"),
            reverse("conclusions:carried_over", args=[done]),
            reverse("petitions:answer", args=[s.published_answer_pk]),
            reverse("petitions:answer_diff", args=[s.published_answer_pk]),
        ],
        "canbo_laodong": [
            reverse("home"),
            reverse("petitions:inbox"),
            reverse("petitions:assignment", args=[s.assignment_pk]),
            reverse("conclusions:directives"),
        ],
        "lanhdao": [
            reverse("home"),
            reverse("petitions:answering_dashboard"),
            reverse("conclusions:stats_overview"),
            reverse("conclusions:stats_conference", args=[done]),
            reverse("conclusions:monitoring"),
        ],
        "admin": [
            reverse("home"),
            reverse("outbox:failed"),
            reverse("admin:index"),
        ],
    }
