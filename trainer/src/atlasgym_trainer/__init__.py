"""atlasgym_trainer: GRPO training (TRL) of tool-using policies against the atlasgym env server."""

__version__ = "0.1.0"
