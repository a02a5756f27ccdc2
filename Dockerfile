# The ingest service image. docker-compose.yml runs it against a postgres:16 service.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md alembic.ini ./
COPY ingest ./ingest
COPY migrations ./migrations
RUN pip install -e .

RUN useradd --create-home --uid 1000 ingest && mkdir -p /data && chown ingest /data
USER ingest
ENV INGEST_DATA_DIR=/data INGEST_API_HOST=0.0.0.0

# The service: watcher, workers and HTTP API. Scale out with more containers running
# `ingest worker` against the same database.
EXPOSE 8000
CMD ["ingest", "run"]
