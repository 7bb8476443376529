"""The hard rules the model enforces, one module per rule (label, constraint, counting check).

The registry of every hard rule is `scheduler.rules.registry.HARD_RULES`."""
