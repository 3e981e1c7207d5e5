"""The site's periodic jobs, in one place: what the Compose scheduler and `make run` run.

Each job is a management command and how often it runs. `manage.py run_scheduler` runs a round
when it starts (every job, so that nothing waits a day after a restart) and then one round a
minute, each with the jobs that are due; `--once` runs the first round and exits, which is how
the tests prove that every job really runs.
"""

import logging
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

ROUND_SECONDS = 60
DAILY = 24 * 60  # rounds


@dataclass(frozen=True)
class Job:
    command: str
    every_rounds: int  # one round a minute
    why: str


JOBS = (
    Job("publish_scheduled", 1, "pages and snippets scheduled by editors go live or expire"),
    Job("send_queued_mail", 1, "form notifications, acknowledgements, password resets"),
    Job("purge_personal_data", DAILY, "submissions older than PERSONAL_DATA_RETENTION_DAYS"),
    Job("send_translation_digest", DAILY, "the translators' daily digest of French changes"),
)


def due(round_number, jobs=None):
    return [job for job in (JOBS if jobs is None else jobs) if round_number % job.every_rounds == 0]


def run_round(round_number, jobs=None):
    """Runs the jobs due in this round; one that fails is logged and does not stop the others.
    The names of the jobs that failed."""
    failed = []
    for job in due(round_number, jobs):
        # A long-running process: connections the database closed meanwhile are dropped, as
        # Django does between requests.
        drop_dead_connections()
        try:
            call_command(job.command)
        except CommandError as error:  # the command's own account of what went wrong
            logger.error("Scheduled job %s failed: %s", job.command, error)
            failed.append(job.command)
        except Exception:
            logger.exception("Scheduled job %s failed", job.command)
            failed.append(job.command)
    drop_dead_connections()
    return failed


def drop_dead_connections():
    """close_old_connections(), except inside a caller's transaction (the tests run a round in
    theirs), where it would close the connection and lose the caller's work."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_forever(jobs=None, sleep=time.sleep, clock=time.monotonic):
    round_number = 0
    while True:
        started = clock()
        run_round(round_number, jobs)
        round_number += 1
        sleep(max(0.0, ROUND_SECONDS - (clock() - started)))
