"""Availabilities, speakers and offers imported from the tools volunteers use (Framadate polls, form tables)."""
