FROM python:3.11-slim-bookworm
# WeasyPrint needs Pango and HarfBuzz; gettext compiles the translations.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
 && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN python manage.py compilemessages --ignore=.venv -v 0 \
 && DEBUG=0 ALLOWED_HOSTS=build SECRET_KEY=build-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz python manage.py collectstatic --noinput -v 0 \
 && useradd --system --home /app portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "dialogue_portal.wsgi:application"]
