from .questions import views as questions
from .views import answers, assignments, board, entry, imports, inbox, petitions, review

app_name = "petitions"

# Each view module lists its own URL patterns; the intake journey first, then the answering journey.
urlpatterns = [
    *petitions.urls,
    *entry.urls,
    *imports.urls,
    *inbox.urls,
    *assignments.urls,
    *board.urls,
    *answers.urls,
    *review.urls,
    *questions.urls,
]
