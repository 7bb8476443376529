"""Use-cases (plan, check, verify, export, replan): plain arguments in, a typed result out; no printing."""
