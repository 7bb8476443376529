"""The hard rules enforced by the model, one module per rule (label, constraint, counting check); the registry is `scheduler.rules.registry.HARD_RULES`."""
