"""Background work is queued after the change that asked for it has committed (pretix's TransactionAwareTask).

    @shared_task(base=AfterCommitTask, ...)
    def render_notice_file(job_id): ...

    render_notice_file.delay(job.pk)   # inside a service's transaction.atomic(): sent only if it commits

- Inside a transaction the message is published from `transaction.on_commit`; a rolled-back change queues nothing,
  and a worker never reads a row that is not committed yet.
- A broker that is down at that moment is logged, not raised: the request that asked for the work succeeds, and the
  row that records the work (outbox email, render job, ...) stays pending for that kind of work's sweeper.
- Tasks take primary keys and are idempotent by database state, so a message sent twice does no harm.
"""

import logging

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

log = logging.getLogger(__name__)


class AfterCommitTask(Task):
    abstract = True

    def apply_async(self, args=None, kwargs=None, **options):
        connection = transaction.get_connection()
        if connection.in_atomic_block:
            transaction.on_commit(lambda: self._publish(args, kwargs, options))
            return None
        return self._publish(args, kwargs, options)

    def publish_now(self, *args, **options):
        """Send now, even inside a transaction (the caller's row is committed already); None when the broker is
        down. For sweepers and after-commit callbacks that must know whether the message went out."""
        return self._publish(args, None, options)

    def _publish(self, args, kwargs, options):
        try:
            return super().apply_async(args, kwargs, **options)
        except (BrokerError, ConnectionError, OSError) as exc:
            # The database row is the truth about pending work; its sweeper queues it once the broker is back.
            log.warning("task %s not queued (broker unavailable): %s", self.name, exc)
            return None
