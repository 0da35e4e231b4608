"""The worker's task paths. The sending tasks are defined in `deliveries`, beside the code that
queues them; these names stay so that tasks already recorded as `minpan.notify.tasks.…` in the
queue table still resolve, and callers that know them keep working."""
from .deliveries import BACKOFF_MINUTES, deliver, deliver_all

__all__ = ["BACKOFF_MINUTES", "deliver", "deliver_all"]
