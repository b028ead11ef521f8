"""Background work of practice (a worker runs it in production)."""

from django_tasks import task

from modules.practice.services import renditions_expire


@task()
def expire_renditions() -> int:
    """Delete the renditions kept longer than the retention after their review."""
    return renditions_expire()
