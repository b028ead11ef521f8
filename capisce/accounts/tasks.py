"""Background work of accounts (a worker runs it in production)."""

from django_tasks import task

from capisce.accounts.exports import data_export_build


@task()
def build_data_export(export_id: int) -> bool:
    """Build a person's data export and mail them when it is ready."""
    return data_export_build(export_id=export_id) is not None
